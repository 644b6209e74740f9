// `switchyard/otel` and `switchyard/prometheus` by their names from ESM: both instrument a mock router
// (OpenTelemetry on its global no-op providers), and the Prometheus registry counts the call.
import { Router } from 'switchyard';
import { instrumentOpenTelemetry } from 'switchyard/otel';
import { instrumentPrometheus } from 'switchyard/prometheus';

const router = new Router({ deployments: [{ id: 'esm-observed', model: 'm', provider: 'mock' }] });
const stopOtel = instrumentOpenTelemetry(router);
const metrics = instrumentPrometheus(router);
await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const counted = (await metrics.registry.metrics()).includes('switchyard_requests_total{model="m",deployment="esm-observed"');
stopOtel();
metrics.stop();
await router.close();
console.log(JSON.stringify({ otel: typeof instrumentOpenTelemetry, counted }));
