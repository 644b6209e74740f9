import type { Deployment } from '../deployments/deployment.js';
import type { PickContext, RoutingStrategy, StrategyReads } from './routing-strategy.js';

/** Strict rotation through each group's candidates, one counter per model group. */
export class RoundRobinStrategy implements RoutingStrategy {
  readonly name = 'round-robin';
  readonly reads: StrategyReads = {};
  private readonly nextIndexByModel = new Map<string, number>();

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    const next = this.nextIndexByModel.get(context.model) ?? 0;
    this.nextIndexByModel.set(context.model, (next + 1) % Number.MAX_SAFE_INTEGER);
    return candidates[next % candidates.length] as Deployment;
  }
}
