import type { Deployment } from '../deployments/deployment.js';
import type { PickContext, RoutingStrategy } from './routing-strategy.js';

type WeightField = 'weight' | 'rpm' | 'tpm';
const WEIGHT_FIELDS: readonly WeightField[] = ['weight', 'rpm', 'tpm'];

/**
 * Weighted random choice. Weights come from `weight`, else `rpm`, else `tpm`: the first of
 * those any candidate sets. A candidate that lacks it counts as the mean of those that
 * set it, so forgetting one field never starves a deployment. No field set: uniform.
 */
export class SimpleShuffleStrategy implements RoutingStrategy {
  readonly name = 'simple-shuffle';

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    const only = candidates[0] as Deployment;
    if (candidates.length === 1) return only;
    const field = WEIGHT_FIELDS.find((f) => candidates.some((d) => d[f] !== undefined));
    if (!field) return candidates[Math.floor(context.random() * candidates.length)] as Deployment;

    let total = 0;
    let known = 0;
    for (const d of candidates) {
      const value = d[field];
      if (value !== undefined) {
        total += value;
        known++;
      }
    }
    const fill = total / known;
    const sum = total + fill * (candidates.length - known);
    if (sum <= 0) return candidates[Math.floor(context.random() * candidates.length)] as Deployment;

    let point = context.random() * sum;
    for (const d of candidates) {
      point -= d[field] ?? fill;
      if (point < 0) return d;
    }
    return candidates[candidates.length - 1] as Deployment;
  }
}
