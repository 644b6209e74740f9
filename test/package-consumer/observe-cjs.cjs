// `switchyard/otel` and `switchyard/prometheus` by their names from CommonJS, as observe-esm.mjs does.
const { Router } = require('switchyard');
const { instrumentOpenTelemetry } = require('switchyard/otel');
const { instrumentPrometheus } = require('switchyard/prometheus');

(async () => {
  const router = new Router({ deployments: [{ id: 'cjs-observed', model: 'm', provider: 'mock' }] });
  const stopOtel = instrumentOpenTelemetry(router);
  const metrics = instrumentPrometheus(router);
  await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  const counted = (await metrics.registry.metrics()).includes('switchyard_requests_total{model="m",deployment="cjs-observed"');
  stopOtel();
  metrics.stop();
  await router.close();
  console.log(JSON.stringify({ otel: typeof instrumentOpenTelemetry, counted }));
})();
