import type { Router } from '../../router.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route, RouteTable } from '../http/route-table.js';
import { runReadinessChecks, type ReadinessCheck } from './readiness.js';

/** Deployments' circuits from `router.health()`: no provider is called, no key is shown. Any valid key may ask. */
function deploymentHealth(router: Router, request: GatewayRequest): Promise<void> {
  const deployments = router.health();
  const healthy = deployments.filter((d) => d.state !== 'open');
  const unhealthy = deployments.filter((d) => d.state === 'open');
  request.sendJson(200, { healthy_count: healthy.length, unhealthy_count: unhealthy.length, healthy_endpoints: healthy, unhealthy_endpoints: unhealthy });
  return Promise.resolve();
}

function alive(request: GatewayRequest): Promise<void> {
  request.sendJson(200, "I'm alive!");
  return Promise.resolve();
}

async function ready(checks: readonly ReadinessCheck[], request: GatewayRequest): Promise<void> {
  const { ready, results } = await runReadinessChecks(checks);
  request.sendJson(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results });
}

/**
 * `/health` (a key), `/health/liveliness` (LiteLLM's spelling; `/health/liveness` too) and
 * `/health/readiness` (no key; 503 while a check fails), all GET.
 */
export function addHealthRoutes(routes: RouteTable, router: Router, checks: readonly ReadinessCheck[]): void {
  const health: Route[] = [
    { method: 'GET', path: '/health', access: 'caller', handle: (request) => deploymentHealth(router, request) },
    { method: 'GET', path: '/health/liveliness', access: 'public', handle: alive },
    { method: 'GET', path: '/health/liveness', access: 'public', handle: alive },
    { method: 'GET', path: '/health/readiness', access: 'public', handle: (request) => ready(checks, request) },
  ];
  for (const route of health) routes.add(route);
}
