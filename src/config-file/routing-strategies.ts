import type { StrategyName } from '../strategies/built-in-strategies.js';

/** LiteLLM's `routing_strategy` names (and switchyard's own) → switchyard's strategy. */
export const ROUTING_STRATEGIES: Readonly<Record<string, StrategyName>> = {
  'simple-shuffle': 'simple-shuffle',
  'least-busy': 'least-busy',
  'latency-based-routing': 'least-latency',
  'cost-based-routing': 'cost',
  'usage-based-routing': 'usage',
  'usage-based-routing-v2': 'usage',
  'round-robin': 'round-robin',
  'least-latency': 'least-latency',
  cost: 'cost',
  usage: 'usage',
};

export const STRATEGY_CHOICES = Object.keys(ROUTING_STRATEGIES).join(', ');
