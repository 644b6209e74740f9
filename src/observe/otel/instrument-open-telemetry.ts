import { metrics, trace, type MeterProvider, type TracerProvider } from '@opentelemetry/api';
import type { RouterEventListener, RouterEventName } from '../../events/event-types.js';
import type { Router } from '../../router.js';
import { CallMetrics } from './call-metrics.js';
import { CallSpans } from './call-spans.js';
import { ServerAddresses } from './server-addresses.js';

export interface OpenTelemetryOptions {
  /** Default: the global one (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider;
  /** Default: the global one (`metrics.getMeterProvider()`). */
  meterProvider?: MeterProvider;
  /**
   * Record message content on the call spans, as the GenAI conventions' opt-in attributes:
   * `gen_ai.system_instructions`, `gen_ai.input.messages`, `gen_ai.tool.definitions` and
   * `gen_ai.output.messages` (JSON). Content may hold personal data. Default false.
   */
  captureContent?: boolean;
}

/** What the instrumentation needs of a router: its events and its deployment listing. */
export type InstrumentedRouter = Pick<Router, 'on' | 'off' | 'deployments'>;

const INSTRUMENTATION_SCOPE = 'switchyard';

/**
 * Traces and metrics of every `completion` and `embedding` call, following the OpenTelemetry
 * GenAI semantic conventions; listens to the router's events only. Returns `stop`, which
 * detaches every listener and ends the spans of calls still in flight.
 */
export function instrumentOpenTelemetry(router: InstrumentedRouter, options: OpenTelemetryOptions = {}): () => void {
  const servers = new ServerAddresses(() => router.deployments());
  const spans = new CallSpans((options.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_SCOPE), servers, options.captureContent === true);
  const callMetrics = new CallMetrics((options.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_SCOPE), servers);

  const detachers: Array<() => void> = [];
  const listen = <E extends RouterEventName>(name: E, listener: RouterEventListener<E>): void => {
    router.on(name, listener);
    detachers.push(() => router.off(name, listener));
  };
  listen('request', (event) => spans.request(event));
  listen('cache-hit', (event) => spans.cacheHit(event));
  listen('retry', (event) => spans.retry(event));
  listen('fallback', (event) => spans.fallback(event));
  listen('success', (event) => {
    spans.success(event);
    callMetrics.success(event);
  });
  listen('failure', (event) => {
    spans.failure(event);
    callMetrics.failure(event);
  });

  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    for (const detach of detachers) detach();
    spans.endAll();
  };
}
