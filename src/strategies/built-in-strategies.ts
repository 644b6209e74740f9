import { LowestCostStrategy } from './cost.js';
import { LeastBusyStrategy } from './least-busy.js';
import { LeastLatencyStrategy } from './least-latency.js';
import { RoundRobinStrategy } from './round-robin.js';
import type { RoutingStrategy } from './routing-strategy.js';
import { SimpleShuffleStrategy } from './simple-shuffle.js';
import { MostHeadroomStrategy } from './usage.js';

/** Each router builds its own instances, so strategy state is never shared between routers. */
export const BUILT_IN_STRATEGIES = {
  'simple-shuffle': () => new SimpleShuffleStrategy(),
  'round-robin': () => new RoundRobinStrategy(),
  'least-busy': () => new LeastBusyStrategy(),
  'least-latency': () => new LeastLatencyStrategy(),
  cost: () => new LowestCostStrategy(),
  usage: () => new MostHeadroomStrategy(),
} satisfies Record<string, () => RoutingStrategy>;

export type StrategyName = keyof typeof BUILT_IN_STRATEGIES;

export const STRATEGY_NAMES = Object.keys(BUILT_IN_STRATEGIES) as StrategyName[];
