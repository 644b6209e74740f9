import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../router.js';
import { keysModule } from './auth/keys-module.js';
import { addHealthRoutes } from './health/health-routes.js';
import { metricsRoute } from './health/metrics-route.js';
import { stateStoreReadiness, type ReadinessCheck } from './health/readiness.js';
import type { CallerResolver } from './http/caller.js';
import { Dispatcher } from './http/dispatcher.js';
import { FetchExchange } from './http/fetch-exchange.js';
import { MasterKeyResolver } from './http/master-key-resolver.js';
import { NodeExchange } from './http/node-exchange.js';
import { RouteTable } from './http/route-table.js';
import { StandaloneServer, type ListenOptions } from './http/standalone-server.js';
import type { CallOutcomeSink } from './openai/call-outcome.js';
import { CallTracker } from './openai/call-tracker.js';
import { addOpenAIRoutes } from './openai/openai-routes.js';
import { parseGatewayOptions, type GatewayOptions, type ParsedGatewayOptions } from './gateway-options.js';

/** An OpenAI-compatible HTTP front for a Router: mount `handler` or `fetch`, or `listen()` on a port of its own. */
export interface Gateway {
  /** A node:http `(req, res)` handler: `http.createServer(gateway.handler)`, `app.use('/llm', gateway.handler)`. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The same gateway for Fetch API runtimes: `export default { fetch: gateway.fetch }`, a Next.js route handler. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Serves on a node:http server of its own. */
  listen(options?: ListenOptions): Promise<{ url: string; port: number }>;
  /**
   * Stops taking requests (new ones get 503), waits for every one in flight to be answered (a
   * running stream to its end), then closes its server and what its parts opened. Not the router: it is yours.
   */
  close(): Promise<void>;
}

/** What a part of the gateway (keys, admin routes, spend logs) plugs into while the gateway is made. */
export interface GatewaySetup {
  readonly router: Router;
  readonly options: ParsedGatewayOptions;
  readonly routes: RouteTable;
  /** Every readiness check so far; `/health/readiness` runs those there when asked. */
  readonly readinessChecks: readonly ReadinessCheck[];
  /** Who callers are: replaces the master-key-only resolver. */
  useCallerResolver(resolver: CallerResolver): void;
  /** Hears one CallOutcome per router call the gateway makes (from the router's success and failure events). */
  addOutcomeSink(sink: CallOutcomeSink): void;
  addReadinessCheck(check: ReadinessCheck): void;
  /** Runs when the gateway closes, after every call in flight has been answered; the latest added runs first. */
  onClose(close: () => Promise<void> | void): void;
}

export type GatewayModule = (setup: GatewaySetup) => Promise<void> | void;

function healthModule(setup: GatewaySetup): void {
  const state = stateStoreReadiness(setup.router);
  setup.addReadinessCheck(state.check);
  setup.onClose(state.stop);
  addHealthRoutes(setup.routes, setup.router, setup.readinessChecks);
}

function metricsModule(setup: GatewaySetup): void {
  if (!setup.options.metrics) return;
  const metrics = metricsRoute(setup.router, setup.options.metricsOpen);
  setup.routes.add(metrics.route);
  setup.onClose(metrics.stop);
}

/** The gateway's parts after its OpenAI routes, in order. */
const MODULES: readonly GatewayModule[] = [healthModule, metricsModule, keysModule];

class GatewayServer implements Gateway {
  #server: StandaloneServer | undefined = undefined;
  #closing: Promise<void> | undefined = undefined;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly basePath: string,
    private readonly closers: readonly (() => Promise<void> | void)[],
  ) {}

  readonly handler = (req: IncomingMessage, res: ServerResponse): void => {
    void this.dispatcher.handle(new NodeExchange(req, res, this.basePath));
  };

  readonly fetch = (request: Request): Promise<Response> => {
    const exchange = new FetchExchange(request, this.basePath);
    void this.dispatcher.handle(exchange);
    return exchange.response;
  };

  async listen(options?: ListenOptions): Promise<{ url: string; port: number }> {
    if (this.#closing) throw new Error('gateway.listen(): the gateway is closed');
    if (this.#server) throw new Error(`gateway.listen(): the gateway already listens on ${this.#server.url}`);
    const server = (this.#server = await StandaloneServer.listen(this.handler, options));
    return { url: server.url, port: server.port };
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#server?.stopAccepting();
    await this.dispatcher.drain();
    await this.#server?.closed();
    for (const close of [...this.closers].reverse()) await close();
  }
}

/**
 * An OpenAI-compatible gateway in front of `router`: `POST /v1/chat/completions` (JSON or SSE),
 * `POST /v1/embeddings`, `GET /v1/models`, health and metrics, LiteLLM's admin routes (keys, users,
 * teams, spend) on the `database`. Callers authenticate with the master key or a virtual key.
 * Throws GatewayConfigError naming a bad option, DatabaseUnavailableError when the database cannot be opened.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const parsed = parseGatewayOptions(options);
  const { router } = parsed;
  const routes = new RouteTable();
  const calls = new CallTracker(router);
  const readinessChecks: ReadinessCheck[] = [];
  const closers: (() => Promise<void> | void)[] = [() => calls.stop()];
  let resolver: CallerResolver = new MasterKeyResolver(parsed.masterKey);
  const setup: GatewaySetup = {
    router,
    options: parsed,
    routes,
    readinessChecks,
    useCallerResolver: (replacement) => void (resolver = replacement),
    addOutcomeSink: (sink) => calls.addSink(sink),
    addReadinessCheck: (check) => void readinessChecks.push(check),
    onClose: (close) => void closers.push(close),
  };
  addOpenAIRoutes(routes, { router, calls, tagRouting: parsed.tagRouting });
  try {
    for (const module of MODULES) await module(setup);
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
  return new GatewayServer(new Dispatcher(routes, resolver, parsed.maxBodyBytes), parsed.basePath, closers);
}
