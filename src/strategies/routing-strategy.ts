import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentPricing } from '../deployments/deployment-config.js';
import type { DeploymentStats } from '../state/deployment-stats.js';
import type { ChatCompletionRequest } from '../types/chat.js';

export interface StrategyOptions {
  /** least-latency: pick at random among deployments within this fraction of the best. Default 0. */
  latencyBuffer: number;
  /** least-latency: samples older than this are forgotten. Default 3600000. */
  latencyTtlMs: number;
}

/** What a strategy may look at while choosing. It never does I/O. */
export interface PickContext {
  /** The model group being served. */
  model: string;
  request: ChatCompletionRequest;
  /** The router's random source: uniform in [0, 1). Seed it through the `random` option. */
  random: () => number;
  /** The router's clock, in milliseconds. */
  now: () => number;
  /** In-flight counts, latency samples and per-minute usage, by `deployment.stats.slot`. */
  stats: DeploymentStats;
  /** The request's prompt tokens, counted with tiktoken on first use. */
  promptTokens: () => number;
  /** A deployment's prices: its `pricing`, else the router's list or the price table; undefined when none is known. */
  pricing: (deployment: Deployment) => DeploymentPricing | undefined;
  options: StrategyOptions;
}

/**
 * The stats a strategy reads from `context.stats`. The router keeps only the stats some
 * strategy in use (or a deployment limit) reads, so calls skip the rest of the bookkeeping.
 */
export interface StrategyReads {
  /** `inFlight`, this minute's `requestsThisMinute` and `tokensThisMinute` (with `minute`), and `outputMean` / `outputCount`. */
  usage?: boolean;
  /** The `latency` (per output token) and `ttft` (time to first token) samples. */
  latency?: boolean;
}

/**
 * A routing strategy chooses one deployment among the candidates the filters left. It is
 * called once per attempt with at least one candidate and must return one of them.
 */
export interface RoutingStrategy {
  readonly name: string;
  /**
   * The stats this strategy reads: only those are kept for it (`{}` reads none, `{ usage:
   * true }` only usage). A strategy without `reads` is taken to read every stat.
   */
  readonly reads?: StrategyReads;
  pick(candidates: readonly Deployment[], context: PickContext): Deployment;
}

export const DEFAULT_STRATEGY_OPTIONS: StrategyOptions = { latencyBuffer: 0, latencyTtlMs: 3_600_000 };

/** A random starting index, so a scan that keeps the first best breaks ties at random. */
export function randomStart(length: number, random: () => number): number {
  return Math.floor(random() * length);
}
