import type { ChatCompletion, ChatCompletionRequest, CompletionUsage } from '../types/chat.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../types/embedding.js';

/** Who is asking and what to carry along, as given in the per-request options. */
export interface RequestLabels {
  user: string | undefined;
  team: string | undefined;
  apiKeyId: string | undefined;
  tags: readonly string[] | undefined;
  sessionId: string | undefined;
  metadata: Readonly<Record<string, unknown>> | undefined;
}

/** What a call does, as OpenTelemetry's `gen_ai.operation.name` names it: `completion` is `chat`, `embedding` is `embeddings`. */
export type CallOperation = 'chat' | 'embeddings';

/** The caller's request as given to `completion` or `embedding` (the same object: read it, never change it). */
export type CallRequest = ChatCompletionRequest | EmbeddingRequest;

/** One per attempt, just before the provider is called. */
export interface RequestEvent extends RequestLabels {
  requestId: string;
  operation: CallOperation;
  model: string;
  deploymentId: string;
  provider: string;
  providerModel: string;
  /** 1 for the first attempt of this call. */
  attempt: number;
  stream: boolean;
  request: CallRequest;
}

/** One per `completion` call that succeeded; for a stream, after its last chunk. */
export interface SuccessEvent extends RequestLabels {
  requestId: string;
  operation: CallOperation;
  model: string;
  deploymentId: string;
  provider: string;
  providerModel: string;
  /** From the call to the full answer (streams: to the last chunk). */
  latencyMs: number;
  /** Streams only: from the call to the first content chunk. */
  ttftMs: number | undefined;
  usage: CompletionUsage | undefined;
  /** From the usage and the deployment's prices (its `pricing`, the router's list, the price table); undefined when no price is known. */
  costUsd: number | undefined;
  /** Answered from the response cache: no provider was called, `costUsd` is 0 and `savedUsd` what the answer cost when it was made. */
  cacheHit: boolean;
  savedUsd: number | undefined;
  attempts: number;
  stream: boolean;
  /** False when the caller stopped reading a stream before its end. */
  completed: boolean;
  request: CallRequest;
  /**
   * The answer the caller got (the same object: read it, never change it); for a stream, the
   * answer its chunks made up to where it ended.
   */
  response: ChatCompletion | EmbeddingResponse;
}

/** A call answered from the response cache (before its `success`). */
export interface CacheHitEvent extends RequestLabels {
  requestId: string;
  model: string;
  /** Who served the answer when it was made. */
  deploymentId: string;
  provider: string;
  /** What the answer cost when it was made (undefined when it was not priced): the hit saved it. */
  savedUsd: number | undefined;
  /** How old the answer is, in ms. */
  ageMs: number;
  stream: boolean;
}

/** One per `completion` call that failed, with the error the caller received. */
export interface FailureEvent extends RequestLabels {
  requestId: string;
  operation: CallOperation;
  model: string;
  deploymentId: string | undefined;
  provider: string | undefined;
  error: unknown;
  latencyMs: number;
  attempts: number;
  stream: boolean;
  /** What a broken stream had used before it failed (estimated where it reported nothing). */
  usage: CompletionUsage | undefined;
  /** What the call's attempts cost (a broken stream's tokens are billed); undefined when no price is known. */
  costUsd: number | undefined;
  request: CallRequest;
}

/** An attempt failed and the call tries again within the same model group. */
export interface RetryEvent {
  requestId: string;
  model: string;
  /** The deployment that just failed. */
  deploymentId: string;
  error: unknown;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** How long the router waits before the next attempt. */
  delayMs: number;
}

/** A model group is spent; the call moves on to a fallback group. */
export interface FallbackEvent {
  requestId: string;
  from: string;
  to: string;
  /** The error that ended the group `from`. */
  error: unknown;
}

/** A deployment was taken out of rotation. */
export interface CooldownEvent {
  deploymentId: string;
  model: string;
  provider: string;
  /** Error class that caused it. */
  reason: string;
  error: unknown;
  cooldownMs: number;
  /** When it may be probed again (epoch ms). */
  reopensAt: number;
}

/** A deployment answered its probe and is back in rotation. */
export interface RecoveredEvent {
  deploymentId: string;
  model: string;
  provider: string;
  downForMs: number;
}

/** Something worth a look that did not fail a call, such as a listener that threw. */
export interface WarningEvent {
  message: string;
  cause?: unknown;
}

/** Who or what a budget is for, as `router.spend` takes it. */
export interface BudgetEventScope {
  scope: string;
  /** The user, team, key, tag, provider, deployment or model; undefined for `global`. */
  id: string | undefined;
  spentUsd: number;
  limitUsd: number;
  /** Start of the budget's current period; undefined for a budget that never resets. */
  periodStart: Date | undefined;
  resetsAt: Date | undefined;
}

/** Spend crossed a budget's `warnAt` fraction: once per period. */
export interface BudgetWarningEvent extends BudgetEventScope {
  warnAt: number;
}

/** Spend reached a budget's limit: once per period, when it is crossed or first refuses a call. */
export type BudgetExceededEvent = BudgetEventScope;

/** A shared state store (Redis) stopped or started answering; while it is away, calls follow its `onUnavailable`. */
export interface StateEvent {
  available: boolean;
  /** Why it does not answer, without credentials. */
  reason: string | undefined;
}

export interface RouterEventMap {
  request: RequestEvent;
  success: SuccessEvent;
  failure: FailureEvent;
  warning: WarningEvent;
  retry: RetryEvent;
  fallback: FallbackEvent;
  cooldown: CooldownEvent;
  recovered: RecoveredEvent;
  'budget-warning': BudgetWarningEvent;
  'budget-exceeded': BudgetExceededEvent;
  state: StateEvent;
  'cache-hit': CacheHitEvent;
}

export type RouterEventName = keyof RouterEventMap;

/** May return a promise; a rejection is reported as a `warning`, never thrown. */
export type RouterEventListener<E extends RouterEventName> = (event: RouterEventMap[E]) => unknown;

/** The same events as plain hooks, for the `callbacks` option. */
export interface RouterCallbacks {
  onRequest?: RouterEventListener<'request'>;
  onSuccess?: RouterEventListener<'success'>;
  onFailure?: RouterEventListener<'failure'>;
  onWarning?: RouterEventListener<'warning'>;
  onRetry?: RouterEventListener<'retry'>;
  onFallback?: RouterEventListener<'fallback'>;
  onCooldown?: RouterEventListener<'cooldown'>;
  onRecovered?: RouterEventListener<'recovered'>;
  onBudgetWarning?: RouterEventListener<'budget-warning'>;
  onBudgetExceeded?: RouterEventListener<'budget-exceeded'>;
  onState?: RouterEventListener<'state'>;
  onCacheHit?: RouterEventListener<'cache-hit'>;
}
