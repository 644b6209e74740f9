import type { instrumentPrometheus } from '../../observe/prometheus/instrument-prometheus.js';
import type { Router } from '../../router.js';
import { NotImplementedError } from '../http/http-errors.js';
import type { Route } from '../http/route-table.js';

const PATH = '/metrics';

function missingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * `GET /metrics`: the router's Prometheus metrics (switchyard/prometheus's), from the calls
 * made since the gateway started. prom-client is an optional peer: it is loaded here, when the
 * gateway is made, and without it the route answers 501 saying what to install. The master key,
 * or anyone with `metricsOpen`.
 */
export async function metricsRoute(router: Router, open: boolean): Promise<{ route: Route; stop(): void }> {
  const access = open ? 'public' : 'master';
  let instrument: typeof instrumentPrometheus;
  try {
    ({ instrumentPrometheus: instrument } = await import('../../observe/prometheus/instrument-prometheus.js'));
  } catch (error) {
    if (!missingModule(error)) throw error;
    const route: Route = {
      method: 'GET',
      path: PATH,
      access,
      handle: () => Promise.reject(new NotImplementedError('/metrics needs prom-client: npm install prom-client')),
    };
    return { route, stop: () => undefined };
  }
  const { registry, stop } = instrument(router);
  const route: Route = {
    method: 'GET',
    path: PATH,
    access,
    handle: async (request) => request.sendText(200, registry.contentType, await registry.metrics()),
  };
  return { route, stop };
}
