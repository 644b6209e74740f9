import type { Deployment } from '../deployments/deployment.js';
import type { ChatCompletionRequest } from '../types/chat.js';

/** What a strategy may look at while choosing. It never does I/O. */
export interface PickContext {
  /** The model group being served. */
  model: string;
  request: ChatCompletionRequest;
  /** The router's random source: uniform in [0, 1). Seed it through the `random` option. */
  random: () => number;
  /** The router's clock, in milliseconds. */
  now: () => number;
}

/**
 * A routing strategy chooses one deployment among the candidates the filters left. It is
 * called once per attempt with at least one candidate and must return one of them.
 */
export interface RoutingStrategy {
  readonly name: string;
  pick(candidates: readonly Deployment[], context: PickContext): Deployment;
}
