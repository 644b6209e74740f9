import { randomUUID } from 'node:crypto';
import { parseDeployment, parseRouterOptions } from './config/parse-router-options.js';
import type { RouterOptions } from './config/router-options.js';
import { resolveProviders } from './config/resolve-providers.js';
import { describeDeployment, type Deployment, type DeploymentInfo } from './deployments/deployment.js';
import type { DeploymentConfig } from './deployments/deployment-config.js';
import { DeploymentRegistry } from './deployments/deployment-registry.js';
import type { RouterEventListener, RouterEventName } from './events/event-types.js';
import { NotFoundError } from './errors/api-errors.js';
import { RouterEventBus } from './events/router-event-bus.js';
import { HealthMonitor, type DeploymentHealth } from './health/health-monitor.js';
import { CapacityTracker } from './pipeline/capacity-tracker.js';
import { CallState } from './pipeline/call-state.js';
import { ChatCompletionStream, type StreamHandlers } from './pipeline/chat-completion-stream.js';
import type { CompletionOptions } from './pipeline/completion-options.js';
import { continuationRequest } from './pipeline/continuation-request.js';
import type { RouterRuntime } from './pipeline/router-runtime.js';
import { runCall } from './pipeline/run-call.js';
import { withCost } from './pipeline/with-cost.js';
import { SessionAffinity } from './pipeline/session-affinity.js';
import type { StatsTracking } from './pipeline/usage-accounting.js';
import { embeddingText, validateEmbeddingRequest, validateRequest } from './pipeline/validate-request.js';
import { parsePriceList, PriceBook, type PriceList } from './pricing/price-book.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { countsAgainstDeployment, failureKind } from './reliability/failure-kind.js';
import type { BudgetConfig, BudgetSelector, LimitConfig, LimitSelector, SpendSelector } from './spend/spend-config.js';
import { SpendControl } from './spend/spend-control.js';
import type { SpendQuery, SpendReport } from './spend/spend-report.js';
import type { SpentSince } from './spend/spend-restore.js';
import type { SharedState, StateAvailability } from './state/shared-state.js';
import type { RoutingStrategy } from './strategies/routing-strategy.js';
import { Deadlines } from './transport/deadlines.js';
import { HttpTransport } from './transport/http-transport.js';
import { callersCountTokens, encodingsToCount } from './tokens/prompt-tokens.js';
import { startLoadingEncodings } from './tokens/encoders.js';
import { warmup } from './warmup.js';
import { lookUp, type CachedCall, type CacheLookUpContext } from './cache/cache-look-up.js';
import { ResponseCache } from './cache/response-cache.js';
import type { ChatCompletion, ChatCompletionRequest, CompletionUsage } from './types/chat.js';
import type { EmbeddingRequest, EmbeddingResponse } from './types/embedding.js';

const NO_OPTIONS: CompletionOptions = Object.freeze({});

/** What the strategies in use (and deployment limits) read: a strategy that declares no `reads` may read anything. */
function statsTracking(strategies: readonly RoutingStrategy[], limited: boolean): StatsTracking {
  const read = (stats: keyof StatsTracking) => strategies.some((s) => s.reads === undefined || s.reads[stats] === true);
  return { usage: limited || read('usage'), latency: read('latency') };
}

type StreamingRequest = ChatCompletionRequest & { stream: true };
type NonStreamingRequest = ChatCompletionRequest & { stream?: false | null };

/**
 * Routes OpenAI-shaped chat completions across deployments of many providers, inside
 * this process: picks a deployment, retries, cools failing ones down, falls back to other
 * models. Build one per application; every router keeps its own state.
 */
export class Router {
  readonly #providers: ReadonlyMap<string, ProviderAdapter>;
  readonly #registry: DeploymentRegistry;
  readonly #events: RouterEventBus;
  readonly #runtime: RouterRuntime;
  readonly #aliases: ReadonlyMap<string, string>;
  readonly #configs: Map<string, DeploymentConfig>;
  /** Request ids are this router's random prefix and a sequence number: unique, and far cheaper than a UUID per call. */
  readonly #requestIdPrefix = randomUUID();
  #requestSequence = 0;
  /** Whether every call counts its prompt's tokens (budgets, caller limits, the cost strategy), whatever its deployment. */
  #callersCountTokens: boolean;
  readonly #stopWatchingState: (() => void) | undefined;
  readonly #cache: ResponseCache | undefined;
  readonly #cacheContext: CacheLookUpContext;

  constructor(options: RouterOptions) {
    this.#providers = resolveProviders((options as { providers?: unknown } | undefined)?.providers);
    const config = parseRouterOptions(options, this.#providers);
    this.#registry = new DeploymentRegistry(config.deployments, config.state.stats);
    this.#events = new RouterEventBus(config.callbacks);
    this.#aliases = new Map(Object.entries(config.aliases));
    this.#configs = config.configs;
    const capacity = new CapacityTracker(config.state.stats, this.#registry);
    const limited = config.deployments.map((d) => capacity.follow(d)).includes(true);
    const strategies = [config.strategy, ...config.strategyByModel.values()];
    const prices = new PriceBook(config.prices, (message) => this.#events.emit('warning', { message }));
    this.#runtime = {
      // Budgets reserve each attempt's cost from the deployment's mean answer, which the usage stats keep.
      tracking: statsTracking(strategies, limited || config.budgets.length > 0),
      registry: this.#registry,
      capacity,
      strategyFor: (model) => config.strategyByModel.get(model) ?? config.strategy,
      strategyOptions: config.strategyOptions,
      state: config.state,
      affinity: new SessionAffinity(),
      health: new HealthMonitor(config.state, config.cooldown, this.#events, config.now, config.ownState),
      spending: new SpendControl(prices, config.budgets, config.limits, config.state.counters, this.#events, config.now, config.state.shared),
      events: this.#events,
      transport: new HttpTransport(),
      deadlines: new Deadlines(config.clock),
      random: config.random,
      clock: config.clock,
      now: config.now,
      retries: config.retries,
      routes: config.routes,
      attemptLimit: { ms: config.timeoutMs, name: 'timeoutMs' },
      idleLimit: { ms: config.streamIdleTimeoutMs, name: 'streamIdleTimeoutMs' },
      maxWaitMs: config.maxWaitMs,
      midStreamFallback: config.midStreamFallback,
    };
    this.#cache = config.cache && new ResponseCache(config.cache, config.now, (message, cause) => this.#events.emit('warning', { message, cause }));
    this.#cacheContext = {
      events: this.#events,
      now: config.now,
      clock: config.clock,
      joinLimitMs: config.timeoutMs,
      servingDeployment: (answer, model) => this.#registry.get(answer.servedBy?.deploymentId ?? '') ?? this.#registry.group(model)?.deployments[0],
      emitFailure: (call, deployment, error, usage) => this.#emitFailure(call, deployment, error, usage),
      embed: async (model, input, options) => (await this.embedding({ model, input }, options)).data[0]?.embedding as number[],
    };
    this.#stopWatchingState = config.state.shared?.watchAvailability((availability) => this.#stateChanged(availability, config.state.shared as SharedState));
    this.#callersCountTokens = callersCountTokens(config.budgets, config.limits, strategies);
    startLoadingEncodings(encodingsToCount(config.deployments, this.#callersCountTokens));
    // After the constructor returns, so listeners added right after `new Router` hear them too.
    if (config.warnings.length > 0) queueMicrotask(() => config.warnings.forEach((message) => this.#events.emit('warning', { message })));
  }

  completion(request: StreamingRequest, options?: CompletionOptions): Promise<ChatCompletionStream>;
  completion(request: NonStreamingRequest, options?: CompletionOptions): Promise<ChatCompletion>;
  completion(request: ChatCompletionRequest, options?: CompletionOptions): Promise<ChatCompletion | ChatCompletionStream>;
  async completion(request: ChatCompletionRequest, options?: CompletionOptions): Promise<ChatCompletion | ChatCompletionStream> {
    const call = new CallState(`${this.#requestIdPrefix}-${++this.#requestSequence}`, request, options ?? NO_OPTIONS, this.#runtime);
    let cached: CachedCall | undefined;
    try {
      validateRequest(request, call.options);
      const model = this.#modelFor(request.model);
      if (this.#cache !== undefined) {
        const lookedUp = await lookUp(this.#cache, this.#cacheContext, call, model, request);
        if (lookedUp.answer !== undefined) return lookedUp.answer;
        cached = lookedUp.cached;
      }
      this.#runtime.spending.admit(call);
      const served = await runCall(this.#runtime, call, model);
      if (options?.sessionId !== undefined) this.#runtime.affinity.set(options.sessionId, served.deployment.id);
      if (served.segment) return new ChatCompletionStream(call.requestId, served.segment, request, this.#streamHandlers(call, cached));
      const response = withCost(served.response as ChatCompletion, call.knownCostUsd);
      this.#runtime.spending.finish(call);
      cached?.answered(response, call.knownCostUsd, served.deployment);
      this.#emitSuccess(call, served.deployment, response, response.usage, undefined, true);
      return response;
    } catch (error) {
      cached?.answered(undefined);
      this.#runtime.spending.finish(call);
      this.#emitFailure(call, call.deployment, error, undefined);
      throw error;
    }
  }

  /**
   * Embeddings, routed like completions: the model's group, strategy, filters, retries,
   * cooldowns, fallbacks, events and cost. Providers: openai and the OpenAI-compatible
   * ones, azure, gemini, cohere, bedrock (Titan and Cohere models) and mock.
   */
  async embedding(request: EmbeddingRequest, options?: CompletionOptions): Promise<EmbeddingResponse> {
    const view = { model: request?.model, messages: [{ role: 'user' as const, content: embeddingText(request?.input) }] };
    const call = new CallState(`${this.#requestIdPrefix}-${++this.#requestSequence}`, view, options ?? NO_OPTIONS, this.#runtime, request);
    try {
      validateEmbeddingRequest(request, call.options);
      this.#runtime.spending.admit(call);
      const served = await runCall(this.#runtime, call, this.#modelFor(request.model));
      const response = withCost(served.embedding as EmbeddingResponse, call.knownCostUsd);
      this.#runtime.spending.finish(call);
      const { prompt_tokens, total_tokens } = response.usage;
      this.#emitSuccess(call, served.deployment, response, { prompt_tokens, completion_tokens: 0, total_tokens }, undefined, true);
      return response;
    } catch (error) {
      this.#runtime.spending.finish(call);
      this.#emitFailure(call, call.deployment, error, undefined);
      throw error;
    }
  }

  on<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): this {
    this.#events.on(event, listener);
    return this;
  }

  once<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): this {
    this.#events.once(event, listener);
    return this;
  }

  off<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): this {
    this.#events.off(event, listener);
    return this;
  }

  /** Adds a deployment for the next requests; requests in flight are not affected. Throws ConfigError when it is invalid. */
  addDeployment(config: DeploymentConfig): DeploymentInfo {
    const built = parseDeployment(config, this.#providers, this.#registry.ids());
    this.#registry.add(built.deployment);
    if (this.#runtime.capacity.follow(built.deployment)) this.#runtime.tracking.usage = true;
    this.#configs.set(built.deployment.id, built.config);
    return describeDeployment(built.deployment);
  }

  /**
   * Changes a deployment's fields for the next requests, keeping its id, health and
   * latency figures; requests in flight finish on the old settings. Throws ConfigError
   * when the result is invalid, NotFoundError when there is no such deployment.
   */
  updateDeployment(id: string, changes: Partial<Omit<DeploymentConfig, 'id'>>): DeploymentInfo {
    const current = this.#configs.get(id);
    if (!current) throw new NotFoundError(`No deployment has the id '${id}'`);
    const others = new Set(this.#registry.ids());
    others.delete(id);
    const built = parseDeployment({ ...current, ...changes, id }, this.#providers, others);
    this.#registry.replace(built.deployment);
    if (this.#runtime.capacity.follow(built.deployment)) this.#runtime.tracking.usage = true;
    this.#configs.set(id, built.config);
    return describeDeployment(built.deployment);
  }

  /** Removes a deployment by id; true when it existed. Requests already using it finish normally. */
  removeDeployment(id: string): boolean {
    const removed = this.#registry.remove(id) !== undefined;
    if (removed) {
      this.#runtime.health.forget(id);
      this.#configs.delete(id);
    }
    return removed;
  }

  /** Every deployment, as configured, without keys. */
  deployments(): DeploymentInfo[] {
    return this.#registry.all().map(describeDeployment);
  }

  /** Each deployment's circuit: closed, open (cooling down until `reopensAt`) or half-open, with its failure counts. */
  health(): DeploymentHealth[] {
    return this.#registry.all().map((d) => this.#runtime.health.report(d));
  }

  /**
   * Adds or replaces prices of your own, beating the price table (not a deployment's own
   * `pricing`): `{ 'gpt-4o': {…} }` for every provider, `{ 'openai/gpt-4o': {…} }` for one.
   * Throws ConfigError naming a bad entry.
   */
  setPrices(prices: PriceList): void {
    this.#runtime.spending.prices.set(parsePriceList(prices, 'prices'));
    this.#registry.regroupAll();
  }

  /**
   * Spend of one scope value: `{ scope: 'user', id: 'alice' }` (default: global). With a
   * budget, its current period and limit; without one, all-time spend.
   */
  spend(query?: SpendQuery): SpendReport {
    return this.#runtime.spending.report(query);
  }

  /** Forgets a scope value's spend: all-time and its budgets' current periods. */
  resetSpend(query: SpendQuery): void {
    this.#runtime.spending.reset(query);
  }

  /**
   * Adds a budget, or replaces every budget on the same scope and id (those of the `budgets`
   * option included) by this one: `{ scope: 'apiKeyId', id: keyHash, maxUsd: 10, period: '30d' }`;
   * without `id`, each value of the scope gets its own. Takes effect for the next calls; calls in
   * flight settle under the budgets they started with. Spend already counted stays: a budget
   * replaced by one of the same period goes on from what its period has spent. Throws
   * ConfigError naming the field, as for a `budgets` entry.
   */
  setBudget(budget: BudgetConfig): void {
    this.#runtime.spending.setBudget(budget);
    // Budgets reserve each attempt's cost from the deployment's mean answer, which the usage stats keep.
    this.#runtime.tracking.usage = true;
    this.#callersCountTokens = true;
  }

  /**
   * Removes the budgets on one scope and id (`{ scope: 'user', id: 'alice' }`; without `id`, the
   * scope-wide ones), those of the `budgets` option included; true when there were some. The
   * spend counted stays. Throws ConfigError for a scope or id a budget cannot have.
   */
  removeBudget(budget: BudgetSelector): boolean {
    return this.#runtime.spending.removeBudget(budget);
  }

  /**
   * Adds a caller limit, or replaces every limit on the same scope and id (those of the `limits`
   * option included) by this one: `{ scope: 'user', id: 'alice', rpm: 30 }`. The requests and
   * tokens the current minute counted under the limit it replaces keep counting (rpm 20 → 30
   * after 20 calls admits 10 more this minute), and routers sharing a state store count it
   * together whatever each set before. Takes effect for the next calls. Throws ConfigError
   * naming the field, as for a `limits` entry.
   */
  setLimit(limit: LimitConfig): void {
    this.#runtime.spending.setLimit(limit);
    this.#callersCountTokens = true;
  }

  /**
   * Removes the limits on one scope and id (without `id`, the scope-wide ones), those of the
   * `limits` option included; true when there were some. Throws ConfigError for a scope or id a
   * limit cannot have.
   */
  removeLimit(limit: LimitSelector): boolean {
    return this.#runtime.spending.removeLimit(limit);
  }

  /**
   * Restores a scope value's spend from records kept elsewhere (a database's spend logs), so
   * budgets hold across restarts: for each of its spend counters (all-time spend, asked with
   * `since = new Date(0)`; each of its budgets' current period, asked with `since` = the
   * period's start), raises the counter to what `spentSince(since)` answers when it is lower.
   * It never lowers one, so it is idempotent, and processes restoring one value at once (on one
   * Redis state store, where the raise is atomic) never count it twice. Rejects with
   * ConfigError for an invalid `target`, a `spentSince` that is not a function or answers
   * something other than an amount in USD of 0 or more (then nothing is raised), and with what
   * `spentSince` rejects with.
   */
  restoreSpend(target: SpendSelector, spentSince: SpentSince): Promise<void> {
    return this.#runtime.spending.restoreSpend(target, spentSince);
  }

  /**
   * Loads now what the first calls would otherwise load: the tokenizer's encodings when calls
   * count tokens (budgets, limits, `tpm`, `maxInputTokens`, the cost strategy; until they are
   * built, calls estimate prompt tokens from the text's length), undici when a deployment talks
   * HTTP, the price table, and what adapters load lazily (AWS's packages for Bedrock). Rejects
   * when one cannot be loaded.
   */
  warmup(): Promise<void> {
    return warmup(this.#registry.all(), this.#callersCountTokens, this.#runtime);
  }

  /**
   * Closes pooled connections and stops listening to a shared state store (which stays open:
   * it is the caller's to close). The router should not be used afterwards.
   */
  async close(): Promise<void> {
    this.#stopWatchingState?.();
    await this.#runtime.transport.close();
  }

  #stateChanged({ available, reason }: StateAvailability, shared: SharedState): void {
    this.#events.emit('state', { available, reason });
    if (available) return;
    const serving =
      shared.onUnavailable === 'allow'
        ? "calls are served on this process's own accounting until it is back"
        : 'calls fail with StateStoreUnavailableError until it is back';
    this.#events.emit('warning', { message: `The shared state store does not answer (${reason ?? 'unavailable'}): ${serving}` });
  }

  #modelFor(requested: string): string {
    return this.#aliases.size === 0 ? requested : (this.#aliases.get(requested) ?? requested);
  }

  #streamHandlers(call: CallState, cached: CachedCall | undefined): StreamHandlers {
    const midStreamFallback = call.options.midStreamFallback ?? this.#runtime.midStreamFallback;
    return {
      segmentFailed: (deployment, error) => {
        const kind = failureKind(error);
        if (kind !== 'foreign') call.failed(deployment.id, kind);
        if (countsAgainstDeployment(kind)) this.#runtime.health.failed(deployment, error, false, false);
      },
      resume: midStreamFallback
        ? async (partialText, error) => {
            if (failureKind(error) === 'foreign') throw error;
            const served = await runCall(this.#runtime, call, this.#modelFor(call.request.model), continuationRequest(call.request, partialText));
            if (!served.segment) throw error;
            return served.segment;
          }
        : undefined,
      succeeded: (deployment, tracker, completed) => {
        this.#runtime.spending.finish(call);
        const answer = cached !== undefined || this.#events.has('success') ? tracker.completion() : undefined;
        cached?.answered(completed ? answer : undefined, call.knownCostUsd, deployment);
        if (answer !== undefined) this.#emitSuccess(call, deployment, answer, tracker.usage, tracker.ttftMs, completed);
      },
      failed: (deployment, error, tracker) => {
        cached?.answered(undefined);
        this.#runtime.spending.finish(call);
        this.#emitFailure(call, deployment, error, tracker.usage);
      },
      costUsd: () => call.knownCostUsd,
      elapsedMs: () => this.#runtime.now() - call.startedAt,
    };
  }

  #emitSuccess(
    call: CallState,
    deployment: Deployment,
    response: ChatCompletion | EmbeddingResponse,
    usage: CompletionUsage | undefined,
    ttftMs: number | undefined,
    completed: boolean,
  ): void {
    if (!this.#events.has('success')) return;
    this.#events.emit(
      'success',
      Object.assign(call.labels(), {
        requestId: call.requestId,
        operation: call.operation,
        model: call.request.model,
        deploymentId: deployment.id,
        provider: deployment.provider,
        providerModel: deployment.providerModel,
        latencyMs: this.#runtime.now() - call.startedAt,
        ttftMs,
        usage,
        costUsd: call.knownCostUsd,
        cacheHit: false,
        savedUsd: undefined,
        attempts: call.attempts,
        stream: call.stream,
        completed,
        request: call.embedding ?? call.request,
        response,
      }),
    );
  }

  #emitFailure(call: CallState, deployment: Deployment | undefined, error: unknown, usage: CompletionUsage | undefined): void {
    if (!this.#events.has('failure')) return;
    this.#events.emit(
      'failure',
      Object.assign(call.labels(), {
        requestId: call.requestId,
        operation: call.operation,
        model: typeof call.request?.model === 'string' ? call.request.model : '',
        deploymentId: deployment?.id,
        provider: deployment?.provider,
        error,
        latencyMs: this.#runtime.now() - call.startedAt,
        attempts: call.attempts,
        stream: call.stream,
        usage,
        costUsd: call.knownCostUsd,
        request: call.embedding ?? call.request,
      }),
    );
  }
}
