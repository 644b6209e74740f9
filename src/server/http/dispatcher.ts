import { NotFoundError, PermissionDeniedError } from '../../errors/api-errors.js';
import { shortened } from '../../config/describe-value.js';
import { bearerKey } from './bearer-key.js';
import type { CallerResolver } from './caller.js';
import type { Exchange } from './exchange.js';
import { GatewayRequest } from './gateway-request.js';
import { GatewayClosingError } from './http-errors.js';
import type { RouteTable } from './route-table.js';

/**
 * Answers each exchange from the route table: finds the route, resolves the caller, runs the
 * route and turns what it throws into an error answer. Counts the requests in flight (a stream
 * until its last chunk) so `drain()` can wait for them.
 */
export class Dispatcher {
  #inFlight = 0;
  #closing = false;
  #idle: (() => void) | undefined = undefined;

  constructor(
    private readonly routes: RouteTable,
    private readonly resolver: CallerResolver,
    private readonly maxBodyBytes: number,
  ) {}

  async handle(exchange: Exchange): Promise<void> {
    this.#inFlight++;
    const request = new GatewayRequest(exchange, this.maxBodyBytes);
    try {
      await this.#answer(request);
    } catch (error) {
      // A stream writes its own failure; what is left is an answer that has not begun.
      if (!exchange.answered) request.sendError(error);
    } finally {
      if (--this.#inFlight === 0) this.#idle?.();
    }
  }

  /** Refuses new requests from now on (503) and resolves once every request in flight has been answered. */
  drain(): Promise<void> {
    this.#closing = true;
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => (this.#idle = resolve));
  }

  async #answer(request: GatewayRequest): Promise<void> {
    if (this.#closing) throw new GatewayClosingError();
    const { method, path } = request.exchange;
    const match = this.routes.match(method, path);
    if (match === undefined) throw new NotFoundError(`No route for ${method} ${shortened(path)}`, { type: 'not_found_error' });
    if (!('route' in match)) {
      const message = `${shortened(path)} answers ${match.allowed.join(', ')}, not ${shortened(method)}`;
      request.sendJson(405, { error: { message, type: 'invalid_request_error', param: null, code: 'method_not_allowed' } }, [
        'allow',
        match.allowed.join(', '),
      ]);
      return;
    }
    const { route } = match;
    if (route.access !== 'public') {
      request.caller = await this.resolver.resolve(bearerKey(request.exchange));
      if (route.access === 'master' && !request.caller.isMaster) {
        throw new PermissionDeniedError(`Only the master key may call ${route.path}`, { type: 'permission_denied', code: 'master_key_only' });
      }
    }
    await route.handle(request);
    if (!request.exchange.answered && !request.exchange.gone) throw new Error(`The route ${route.method} ${route.path} ended without an answer`);
  }
}
