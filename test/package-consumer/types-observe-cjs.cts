import { logCalls, Router } from 'switchyard';
import { instrumentOpenTelemetry } from 'switchyard/otel';
import { instrumentPrometheus } from 'switchyard/prometheus';

export function observed(): () => void {
  const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
  const stopOtel: () => void = instrumentOpenTelemetry(router, { captureContent: false });
  const metrics = instrumentPrometheus(router, { labels: ['user'] });
  const stopLogs = logCalls(router, (record) => console.log(record));
  // @ts-expect-error labels are 'user', 'team' or 'apiKeyId'
  instrumentPrometheus(router, { labels: ['email'] });
  return () => {
    stopOtel();
    metrics.stop();
    stopLogs();
  };
}
