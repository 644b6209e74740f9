export { Router } from './router.js';
export type { RouterOptions } from './config/router-options.js';
export type { Clock } from './time/clock.js';
export type { DeploymentConfig, DeploymentPricing, PricingTier } from './deployments/deployment-config.js';
export type { PriceList } from './pricing/price-book.js';
export type { BudgetConfig, BudgetSelector, LimitConfig, LimitSelector, SpendSelector } from './spend/spend-config.js';
export type { SpentSince } from './spend/spend-restore.js';
export type { SpendQuery, SpendReport } from './spend/spend-report.js';
export type { SpendScope, CallerScope, TargetScope } from './spend/spend-scope.js';
export type { Deployment, DeploymentInfo } from './deployments/deployment.js';
export type { CompletionOptions } from './pipeline/completion-options.js';
export { ChatCompletionStream } from './pipeline/chat-completion-stream.js';
export type { RoutingStrategy, PickContext, StrategyOptions, StrategyReads } from './strategies/routing-strategy.js';
export { SimpleShuffleStrategy } from './strategies/simple-shuffle.js';
export { RoundRobinStrategy } from './strategies/round-robin.js';
export { LeastBusyStrategy } from './strategies/least-busy.js';
export { LeastLatencyStrategy } from './strategies/least-latency.js';
export { LowestCostStrategy } from './strategies/cost.js';
export { MostHeadroomStrategy } from './strategies/usage.js';
export { DeploymentStats } from './state/deployment-stats.js';
export { countTokens } from './tokens/count-tokens.js';
export type { StrategyName } from './strategies/built-in-strategies.js';
export type * from './events/event-types.js';
export type * from './types/chat.js';
export type * from './provider-adapter.js';
export * from './errors/index.js';
export type { RetryOptions } from './reliability/retry-policy.js';
export type { CooldownOptions } from './health/cooldown-policy.js';
export type { DeploymentHealth } from './health/health-monitor.js';
export type { Circuit, CircuitStatus } from './health/circuit.js';
export type { StateStore } from './state/state-store.js';
export { MemoryStateStore } from './state/memory-state-store.js';
export { MemoryWindowCounters, type WindowCounters } from './state/window-counters.js';
export type { FallbackMap } from './reliability/fallback-routes.js';
export type * from './types/embedding.js';
export {
  logCalls,
  type LogCallsOptions,
  type CallLogger,
  type StructuredLogger,
  type CallLogRecord,
  type CallLogTokens,
  type LoggedError,
  type WarningLogRecord,
} from './observe/log-calls.js';
