import type { PrometheusInstrumentation } from '../../observe/prometheus/prometheus-options.js';
import type { Router } from '../../router.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import { NotImplementedError } from '../http/http-errors.js';
import type { Route } from '../http/route-table.js';

function missingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** switchyard/prometheus on the router, loaded with prom-client; undefined when prom-client is not installed. */
async function instrument(router: Router): Promise<PrometheusInstrumentation | undefined> {
  try {
    const { instrumentPrometheus } = await import('../../observe/prometheus/instrument-prometheus.js');
    return instrumentPrometheus(router);
  } catch (error) {
    if (missingModule(error)) return undefined;
    throw error;
  }
}

/**
 * `GET /metrics`: the router's Prometheus metrics (switchyard/prometheus's). prom-client, an
 * optional peer, is loaded and the router instrumented on the first scrape, so a gateway nobody
 * scrapes pays nothing per call; the counters count from that scrape on. Without prom-client the
 * route answers 501 saying what to install. The master key, or anyone with `metricsOpen`.
 */
export function metricsRoute(router: Router, open: boolean): { route: Route; stop(): Promise<void> } {
  let instrumentation: Promise<PrometheusInstrumentation | undefined> | undefined;
  const scrape = async (request: GatewayRequest) => {
    instrumentation ??= instrument(router);
    const metrics = await instrumentation;
    if (metrics === undefined) throw new NotImplementedError('/metrics needs prom-client: npm install prom-client');
    request.sendText(200, metrics.registry.contentType, await metrics.registry.metrics());
  };
  return {
    route: { method: 'GET', path: '/metrics', access: open ? 'public' : 'master', handle: scrape },
    stop: async () => (await instrumentation?.catch(() => undefined))?.stop(),
  };
}
