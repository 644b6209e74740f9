import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentGroup } from '../deployments/deployment-group.js';
import type { DeploymentStats } from '../state/deployment-stats.js';
import type { PickContext, StrategyOptions } from '../strategies/routing-strategy.js';
import { routingPromptTokens } from '../tokens/prompt-tokens.js';
import type { EmbeddingRequest } from '../types/embedding.js';
import type { AttemptRecord } from '../errors/router-error.js';
import type { CallOperation, RequestLabels } from '../events/event-types.js';
import type { FailureKind } from '../reliability/failure-kind.js';
import { retryPolicy, type RetryPolicy } from '../reliability/retry-policy.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import type { LimitTicket } from '../spend/caller-limits.js';
import type { SpendingCall } from '../spend/spend-control.js';
import type { ScopeValue } from '../spend/spend-scope.js';
import type { DeploymentPricing } from '../deployments/deployment-config.js';
import type { PriceBook } from '../pricing/price-book.js';
import type { CompletionOptions } from './completion-options.js';
import type { RouterRuntime } from './router-runtime.js';

/** An answer's length when neither the request nor the deployment's history says: for cost estimates only. */
const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

/** Where a call is in its fallbacks: the group it started from, the groups it has gone to, how many more it may. */
export interface FallbackProgress {
  readonly first: string;
  readonly visited: Set<string>;
  left: number;
}

/** Everything one `completion` call learns while it runs: attempts, failures, its deadline, its cost. */
export class CallState implements SpendingCall {
  /** On the router's clock. */
  readonly startedAt: number;
  readonly deadlineAt: number | undefined;
  /** Provider attempts made so far. */
  attempts = 0;
  readonly failedAttempts: AttemptRecord[] = [];
  /** How each deployment failed this call: retries avoid them. Made on the first failure. */
  failedDeployments: Map<string, FailureKind> | undefined = undefined;
  lastAttemptError: unknown = undefined;
  /** The deployment of the latest attempt. */
  deployment: Deployment | undefined = undefined;
  /** Set once a context-window failure says how large the prompt is: smaller deployments are skipped. */
  minInputTokens: number | undefined = undefined;
  /** tpm-limited deployments this request's tokens would push over their minute. */
  overTokenLimit: Set<Deployment> | undefined = undefined;
  /** Time spent waiting for a cooling group to free up, which `maxWaitMs` bounds. */
  waitedMs = 0;
  /** USD of every priced attempt so far. */
  costUsd = 0;
  costUnknown = false;
  /** Tokens of every attempt so far, as reported (or estimated for a stream that stopped early). */
  usedTokens = 0;
  limitTicket: LimitTicket | undefined = undefined;
  /** Set once the first attempt failed: retries and fallbacks share it. */
  fallbacks: FallbackProgress | undefined = undefined;
  /** The error the call ends with once nothing it may still use can serve it in time: no other group is tried. */
  verdict: unknown = undefined;
  private retryPolicy: RetryPolicy | undefined = undefined;
  private countedTokens: number | undefined = undefined;
  private context: PickContext | undefined = undefined;
  private scopes: ScopeValue[] | undefined = undefined;
  private readonly runtime: RouterRuntime;

  constructor(
    readonly requestId: string,
    /** For an embedding call, a chat-shaped view whose one message holds the input, so token counts and filters apply alike. */
    readonly request: ChatCompletionRequest,
    readonly options: CompletionOptions,
    runtime: RouterRuntime,
    /** Set for an embedding call. */
    readonly embedding?: EmbeddingRequest,
  ) {
    this.startedAt = runtime.now();
    // Options are validated after the call is made (its failure event names it): the deadline is read warily, the retry policy built later.
    this.deadlineAt = typeof options.deadlineMs === 'number' ? this.startedAt + options.deadlineMs : undefined;
    this.runtime = runtime;
  }

  /** Built on the first failure, once the options are known valid: a wrong `retries` (a long string as `byError`) is never spread here. */
  get retries(): RetryPolicy {
    const { retries } = this.options;
    return (this.retryPolicy ??= retries === undefined ? this.runtime.retries : retryPolicy(retries, this.runtime.retries));
  }

  /** The call's cost, or undefined when some of its usage had no price. */
  get knownCostUsd(): number | undefined {
    return this.costUnknown ? undefined : this.costUsd;
  }

  callerScopes(): readonly ScopeValue[] {
    if (this.scopes) return this.scopes;
    const { user, team, apiKeyId, tags } = this.options;
    const spending = this.runtime.spending;
    const scopes: ScopeValue[] = [spending.valueOf('global', undefined)];
    if (user !== undefined) scopes.push(spending.valueOf('user', user));
    if (team !== undefined) scopes.push(spending.valueOf('team', team));
    if (apiKeyId !== undefined) scopes.push(spending.valueOf('apiKeyId', apiKeyId));
    if (tags) for (const tag of tags) scopes.push(spending.valueOf('tag', tag));
    this.scopes = scopes;
    return scopes;
  }

  estimatedTokens(): number {
    return this.promptTokens(this.request.model) + (this.request.max_completion_tokens ?? this.request.max_tokens ?? 0);
  }

  estimatedTokensOn(deployment: Deployment): { prompt: number; output: number } {
    const output = this.embedding ? 0 : this.expectedOutputTokens(deployment, deployment.maxOutputTokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS);
    return { prompt: this.promptTokens(deployment.providerModel), output };
  }

  /** The answer's expected length on a deployment: the request's max tokens, else the mean it has answered with, else `unknown`. */
  private expectedOutputTokens(deployment: Deployment, unknown: number): number {
    const requested = this.request.max_completion_tokens ?? this.request.max_tokens;
    if (requested !== undefined && requested !== null) return requested;
    const slot = deployment.stats.slot;
    const observed = slot >= 0 ? (this.runtime.state.stats.outputMean[slot] ?? 0) : 0;
    return observed > 0 ? observed : unknown;
  }

  /** `chat` for a completion, `embeddings` for an embedding call. */
  get operation(): CallOperation {
    return this.embedding === undefined ? 'chat' : 'embeddings';
  }

  get stream(): boolean {
    return this.request?.stream === true;
  }

  /** Milliseconds left before the deadline; Infinity without one. */
  remainingMs(): number {
    return this.deadlineAt === undefined ? Infinity : this.deadlineAt - this.runtime.now();
  }

  /** The prompt's tokens, counted once per call with the encoding of the group's first model; at least what a context-window error stated. */
  promptTokensFor(group: DeploymentGroup): number {
    return Math.max(this.promptTokens(group.deployments[0]?.providerModel ?? this.request.model), this.minInputTokens ?? 0);
  }

  /** Tokens to reserve against a tpm limit: the prompt plus the expected answer. */
  reservedTokens(deployment: Deployment): number {
    return this.promptTokens(deployment.providerModel) + this.expectedOutputTokens(deployment, 0);
  }

  /** What the strategy sees; made once per call and model group. */
  pickContext(runtime: RouterRuntime, model: string): PickContext {
    if (this.context?.model !== model) this.context = new CallPickContext(this, runtime, model);
    return this.context;
  }

  /** The prompt's tokens with the encoding of `model`, counted once per call (estimated while the tokenizer loads). */
  promptTokens(model: string): number {
    this.countedTokens ??= routingPromptTokens(model, this.request);
    return this.countedTokens;
  }

  /** Starts the call's fallbacks from `model`; afresh for each run (a broken stream may run the call again). */
  startFallbacks(model: string): void {
    this.verdict = undefined;
    this.fallbacks = { first: model, visited: new Set([model]), left: this.options.noFallbacks ? 0 : this.runtime.routes.maxFallbacks };
  }

  failed(deploymentId: string, kind: FailureKind): void {
    (this.failedDeployments ??= new Map()).set(deploymentId, kind);
  }

  /**
   * A new object of the caller's labels, to build an event payload on with
   * `Object.assign(call.labels(), { … })`: spreading it into an object literal instead takes
   * V8's slow path, some 20 µs a call once a listener is attached.
   */
  labels(): RequestLabels {
    const { options } = this;
    return {
      user: options.user,
      team: options.team,
      apiKeyId: options.apiKeyId,
      tags: options.tags,
      sessionId: options.sessionId,
      metadata: options.metadata,
    };
  }
}

/** A strategy's view of one call. A class rather than a literal with a closure: one is made per call. */
class CallPickContext implements PickContext {
  readonly request: ChatCompletionRequest;
  readonly random: () => number;
  readonly now: () => number;
  readonly stats: DeploymentStats;
  readonly options: StrategyOptions;
  private readonly prices: PriceBook;

  constructor(
    private readonly call: CallState,
    runtime: RouterRuntime,
    readonly model: string,
  ) {
    this.request = call.request;
    this.random = runtime.random;
    this.now = runtime.now;
    this.stats = runtime.state.stats;
    this.options = runtime.strategyOptions;
    this.prices = runtime.spending.prices;
  }

  promptTokens(): number {
    return this.call.promptTokens(this.model);
  }

  pricing(deployment: Deployment): DeploymentPricing | undefined {
    return this.prices.pricingAt(deployment, this.now());
  }
}
