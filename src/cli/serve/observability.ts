import type * as OpenTelemetryApi from '@opentelemetry/api';
import type { LoadedConfig } from '../../config-file/loaded-config.js';
import { logCalls } from '../../observe/log-calls.js';
import type { Router } from '../../router.js';
import type { Gateway } from '../../server/create-gateway.js';
import type { ServeLog } from './serve-log.js';

const OTEL_SETUP =
  'Register an SDK before switchyard starts, e.g. NODE_OPTIONS="--import ./otel-setup.mjs" npx switchyard serve …, ' +
  "where otel-setup.mjs starts @opentelemetry/sdk-node's NodeSDK with your exporter.";

function missingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * `otel` in the file's callbacks: spans and metrics through the global providers, which the
 * user's own SDK set-up registers (switchyard ships no exporter). Without @opentelemetry/api, or
 * with no SDK registered, a warning says how.
 */
async function openTelemetry(router: Router, log: ServeLog): Promise<(() => void) | undefined> {
  let api: typeof OpenTelemetryApi;
  try {
    api = await import('@opentelemetry/api');
  } catch (error) {
    if (!missingModule(error)) throw error;
    log.warn(`litellm_settings.callbacks: otel needs @opentelemetry/api (npm install @opentelemetry/api): no spans nor metrics. ${OTEL_SETUP}`);
    return undefined;
  }
  // The global provider is the API's proxy, which has a delegate once an SDK registers one.
  const provider = api.trace.getTracerProvider();
  if (provider instanceof api.ProxyTracerProvider && provider.getDelegateTracer('switchyard') === undefined) {
    log.warn(`litellm_settings.callbacks: otel is on but no OpenTelemetry SDK is registered: spans and metrics go nowhere. ${OTEL_SETUP}`);
  }
  const { instrumentOpenTelemetry } = await import('../../observe/otel/instrument-open-telemetry.js');
  return instrumentOpenTelemetry(router);
}

/**
 * What the file (and --log-json) turn on beside the gateway's own `/metrics`: one JSON line per
 * call, OpenTelemetry. Answers `stop`, which detaches them.
 */
export async function attachObservability(router: Router, config: LoadedConfig, log: ServeLog): Promise<() => void> {
  const stops: (() => void)[] = [];
  if (log.json) stops.push(logCalls(router, (record) => log.record(record)));
  if (config.observability.otel) {
    const stop = await openTelemetry(router, log);
    if (stop) stops.push(stop);
  }
  return () => stops.forEach((stop) => stop());
}

/**
 * `prometheus` in the file's callbacks: the gateway instruments the router on the first scrape of
 * `/metrics` (a gateway nobody scrapes pays nothing per call), so one scrape now makes the counters
 * count from the start, as the file asks. Without prom-client, a warning says what to install.
 */
export async function countMetricsFromStart(gateway: Gateway, config: LoadedConfig, masterKey: string, log: ServeLog): Promise<void> {
  if (!config.observability.prometheus || config.gateway.metrics === false) return;
  const url = `http://switchyard.internal${config.gateway.basePath ?? ''}/metrics`;
  const response = await gateway.fetch(new Request(url, { headers: { authorization: `Bearer ${masterKey}` } }));
  await response.arrayBuffer();
  if (response.status === 501) log.warn('litellm_settings.callbacks: prometheus needs prom-client (npm install prom-client): /metrics answers 501');
}
