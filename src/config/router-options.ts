import type { DeploymentConfig } from '../deployments/deployment-config.js';
import type { ProviderAdapter } from '../provider-adapter.js';
import type { RouterCallbacks } from '../events/event-types.js';
import type { CooldownOptions } from '../health/cooldown-policy.js';
import type { FallbackMap } from '../reliability/fallback-routes.js';
import type { RetryOptions } from '../reliability/retry-policy.js';
import type { StateStore } from '../state/state-store.js';
import type { CacheOptions } from '../cache/cache-options.js';
import type { Clock } from '../time/clock.js';
import type { PriceList } from '../pricing/price-book.js';
import type { BudgetConfig, LimitConfig } from '../spend/spend-config.js';
import type { StrategyName } from '../strategies/built-in-strategies.js';
import type { RoutingStrategy, StrategyOptions } from '../strategies/routing-strategy.js';

export interface RouterOptions {
  deployments: DeploymentConfig[];
  /** Your own provider adapters by name (a built-in one of the same name is replaced). See "Writing a provider". */
  providers?: Record<string, Omit<ProviderAdapter, 'name'> & { name?: string }>;
  /** How to choose among a group's deployments: a built-in name or your own strategy. Default `simple-shuffle`. */
  strategy?: StrategyName | RoutingStrategy;
  /** A different strategy for some model groups. */
  strategyByModel?: Record<string, StrategyName | RoutingStrategy>;
  /** Settings of the built-in strategies. */
  strategyOptions?: Partial<StrategyOptions>;
  /** Other names for models: `{ fast: 'gpt-4o-mini' }`. */
  aliases?: Record<string, string>;
  /** Time limit of one attempt, in milliseconds, unless the deployment or the request sets one. Default 600000. */
  timeoutMs?: number;
  /** Retries within a model group: a count, or the full settings. Default 2 retries. */
  retries?: RetryOptions | number;
  /** When deployments are taken out of rotation and let back in. */
  cooldown?: CooldownOptions;
  /** `{ model: [fallback model, …] }`, tried in order once a model's retries are spent; `'*'` covers every model. */
  fallbacks?: FallbackMap;
  /** Fallbacks for context-window failures; models whose known `maxInputTokens` is too small are skipped. */
  contextWindowFallbacks?: FallbackMap;
  /** Fallbacks for content-policy failures (a `content_filter` answer counts when one exists). */
  contentPolicyFallbacks?: FallbackMap;
  /** Fallbacks for models `fallbacks` does not name. */
  defaultFallbacks?: string[];
  /** Most fallback groups one call tries. Default 5. */
  maxFallbacks?: number;
  /** How long a call may wait for a cooling-down group to free up instead of failing at once. Default 0. */
  maxWaitMs?: number;
  /** Longest gap between two stream chunks. Default 300000. */
  streamIdleTimeoutMs?: number;
  /** After content was sent, continue a broken stream on another deployment instead of throwing. Default false. */
  midStreamFallback?: boolean;
  /** Prices of your own, beating the price table: `{ 'gpt-4o': {…} }` for every provider, `{ 'openai/gpt-4o': {…} }` for one. */
  prices?: PriceList;
  /** Spending caps by caller (global, user, team, apiKeyId, tag) or target (provider, deployment, model). */
  budgets?: BudgetConfig[];
  /** Requests and tokens per minute by caller (global, user, team, apiKeyId, tag). */
  limits?: LimitConfig[];
  /** Where cooldowns and other shared state live. Default: in this process. */
  state?: StateStore;
  /** Caches whole answers for identical calls (see README "Caching"). Default: no cache. */
  cache?: CacheOptions;
  /** Plain hooks receiving the same payloads as the events. */
  callbacks?: RouterCallbacks[];
  /** Uniform random source in [0, 1); pass a seeded one for repeatable routing. Default `Math.random`. */
  random?: () => number;
  /**
   * The one clock of every timestamp, time limit, deadline and wait: pass a fake one (with
   * `now` in epoch milliseconds) and tests run timeouts, retries and waits without real
   * waiting. Default: `Date.now` and Node's timers.
   */
  clock?: Clock;
  /** Shorthand for a clock with this `now` and Node's timers (a timer that fires still ends its wait). Default `Date.now`. */
  now?: () => number;
}
