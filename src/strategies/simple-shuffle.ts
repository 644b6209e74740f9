import type { Deployment } from '../deployments/deployment.js';
import type { PickContext, RoutingStrategy, StrategyReads } from './routing-strategy.js';

type WeightField = 'weight' | 'rpm' | 'tpm';
const WEIGHT_FIELDS: readonly WeightField[] = ['weight', 'rpm', 'tpm'];

/** Running totals of the weights, so a pick is a binary search. `undefined` totals mean uniform. */
interface Wheel {
  totals: Float64Array | undefined;
}

function buildWheel(candidates: readonly Deployment[]): Wheel {
  const field = WEIGHT_FIELDS.find((f) => candidates.some((d) => d[f] !== undefined));
  if (!field) return { totals: undefined };
  let sum = 0;
  let known = 0;
  for (const d of candidates) {
    const value = d[field];
    if (value !== undefined) {
      sum += value;
      known++;
    }
  }
  const fill = sum / known;
  const totals = new Float64Array(candidates.length);
  let running = 0;
  candidates.forEach((d, i) => {
    running += d[field] ?? fill;
    totals[i] = running;
  });
  return { totals: running > 0 ? totals : undefined };
}

/**
 * Weighted random choice. Weights come from `weight`, else `rpm`, else `tpm`: the first of
 * those any candidate sets. A candidate that lacks it counts as the mean of those that
 * set it, so forgetting one field never starves a deployment. No field set: uniform.
 * The running totals are kept per candidate list, so an unfiltered group costs a binary search.
 */
export class SimpleShuffleStrategy implements RoutingStrategy {
  readonly name = 'simple-shuffle';
  readonly reads: StrategyReads = {};
  private readonly wheels = new WeakMap<readonly Deployment[], Wheel>();

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    if (candidates.length === 1) return candidates[0] as Deployment;
    let wheel = this.wheels.get(candidates);
    if (!wheel) {
      wheel = buildWheel(candidates);
      this.wheels.set(candidates, wheel);
    }
    const { totals } = wheel;
    if (!totals) return candidates[Math.floor(context.random() * candidates.length)] as Deployment;
    const point = context.random() * (totals[totals.length - 1] as number);
    let low = 0;
    let high = totals.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((totals[mid] as number) > point) high = mid;
      else low = mid + 1;
    }
    return candidates[low] as Deployment;
  }
}
