import type { Deployment } from '../deployments/deployment.js';
import type { PickContext, RoutingStrategy, StrategyReads } from './routing-strategy.js';

type WeightField = 'weight' | 'rpm' | 'tpm';
const WEIGHT_FIELDS: readonly WeightField[] = ['weight', 'rpm', 'tpm'];

/** What a `weight` left out counts as, beside deployments that set one (as in nginx and Envoy). */
export const DEFAULT_WEIGHT = 1;

/** Running totals of the weights, so a pick is a binary search. `undefined` totals mean uniform. */
interface Wheel {
  totals: Float64Array | undefined;
}

/** What a candidate without the field counts as: 1 for `weight`; for `rpm` and `tpm`, limits rather than shares, the mean of those set. */
function fillFor(candidates: readonly Deployment[], field: WeightField): number {
  if (field === 'weight') return DEFAULT_WEIGHT;
  let sum = 0;
  let known = 0;
  for (const d of candidates) {
    const value = d[field];
    if (value !== undefined) {
      sum += value;
      known++;
    }
  }
  return sum / known;
}

function buildWheel(candidates: readonly Deployment[]): Wheel {
  const field = WEIGHT_FIELDS.find((f) => candidates.some((d) => d[f] !== undefined));
  if (!field) return { totals: undefined };
  const fill = fillFor(candidates, field);
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
 * those any candidate sets. A candidate without `weight` counts as 1; one without `rpm`
 * (or `tpm`) as the mean of those that set it. A weight of 0 is never picked while a
 * candidate with a weight above 0 is left; when only zeros are left, they share uniformly.
 * No field set: uniform. The running totals are kept per candidate list, so an unfiltered
 * group costs a binary search.
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
    // A zero weight adds nothing to the running total, so no point in [0, total) lands on it.
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
