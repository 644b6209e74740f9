import type { DeploymentConfig } from '../deployments/deployment-config.js';
import type { RouterCallbacks } from '../events/event-types.js';
import type { StrategyName } from '../strategies/built-in-strategies.js';
import type { RoutingStrategy } from '../strategies/routing-strategy.js';

export interface RouterOptions {
  deployments: DeploymentConfig[];
  /** How to choose among a group's deployments: a built-in name or your own strategy. Default `simple-shuffle`. */
  strategy?: StrategyName | RoutingStrategy;
  /** Time limit of one attempt, in milliseconds, unless the deployment or the request sets one. Default 600000. */
  timeoutMs?: number;
  /** Plain hooks receiving the same payloads as the events. */
  callbacks?: RouterCallbacks[];
  /** Uniform random source in [0, 1); pass a seeded one for repeatable routing. Default `Math.random`. */
  random?: () => number;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: () => number;
}
