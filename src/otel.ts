export { instrumentOpenTelemetry, type InstrumentedRouter, type OpenTelemetryOptions } from './observe/otel/instrument-open-telemetry.js';
export { DURATION_BUCKETS_S, TOKEN_BUCKETS } from './observe/otel/gen-ai-metrics.js';
