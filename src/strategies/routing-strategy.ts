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
 * A routing strategy chooses one deployment among the candidates the filters left. It is
 * called once per attempt with at least one candidate and must return one of them.
 */
export interface RoutingStrategy {
  readonly name: string;
  pick(candidates: readonly Deployment[], context: PickContext): Deployment;
}

export const DEFAULT_STRATEGY_OPTIONS: StrategyOptions = { latencyBuffer: 0, latencyTtlMs: 3_600_000 };

/** A random starting index, so a scan that keeps the first best breaks ties at random. */
export function randomStart(length: number, random: () => number): number {
  return Math.floor(random() * length);
}
