export { instrumentPrometheus } from './observe/prometheus/instrument-prometheus.js';
export type { PrometheusCallerLabel, PrometheusInstrumentation, PrometheusOptions } from './observe/prometheus/prometheus-options.js';
