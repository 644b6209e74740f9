import type { GatewayRequest } from './gateway-request.js';

/** Who may reach a route: anyone, any caller with a valid key, or the master key only. */
export type RouteAccess = 'public' | 'caller' | 'master';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: RouteMethod;
  /** An exact path, e.g. '/key/generate'. */
  path: string;
  access: RouteAccess;
  /** Also answer under '/v1' (OpenAI's endpoints are served with and without it). */
  v1?: boolean;
  /** Answers through `request`; a throw becomes an OpenAI-shaped error answer. */
  handle(request: GatewayRequest): Promise<void>;
}

export type RouteMatch = { route: Route } | { allowed: RouteMethod[] } | undefined;

/** Exact method + path routes, looked up in one Map: the gateway's routes are few and fixed. */
export class RouteTable {
  readonly #routes = new Map<string, Route>();
  readonly #methodsByPath = new Map<string, RouteMethod[]>();

  /** Adds a route; throws when the method and path (or its '/v1' twin) already have one. */
  add(route: Route): void {
    for (const path of route.v1 ? [route.path, `/v1${route.path}`] : [route.path]) {
      const key = `${route.method} ${path}`;
      if (this.#routes.has(key)) throw new Error(`The gateway already has a route for ${key}`);
      this.#routes.set(key, route);
      const methods = this.#methodsByPath.get(path) ?? [];
      methods.push(route.method);
      this.#methodsByPath.set(path, methods);
    }
  }

  /** The route, else the methods the path has (405), else undefined (404). */
  match(method: string, path: string): RouteMatch {
    const route = this.#routes.get(`${method} ${path}`);
    if (route !== undefined) return { route };
    const allowed = this.#methodsByPath.get(path);
    return allowed === undefined ? undefined : { allowed };
  }
}
