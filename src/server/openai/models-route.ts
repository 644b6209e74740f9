import type { Router } from '../../router.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route } from '../http/route-table.js';

/** The model groups the caller may use, as OpenAI lists models. */
function listModels(router: Router, request: GatewayRequest): Promise<void> {
  const groups = new Set(router.deployments().map((deployment) => deployment.model));
  const data = [...groups].filter((model) => request.caller.mayUse(model)).map((id) => ({ id, object: 'model', created: 0, owned_by: 'switchyard' }));
  request.sendJson(200, { object: 'list', data });
  return Promise.resolve();
}

/** `GET /v1/models` (and without `/v1`). */
export function modelsRoute(router: Router): Route {
  return { method: 'GET', path: '/models', v1: true, access: 'caller', handle: (request) => listModels(router, request) };
}
