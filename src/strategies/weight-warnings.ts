import type { Deployment } from '../deployments/deployment.js';
import { DEFAULT_WEIGHT } from './simple-shuffle.js';

/** Shares listed in a warning before the rest are left out. */
const LISTED = 5;

function describeSplit(group: readonly Deployment[]): string {
  const weights = group.map((d) => d.weight ?? DEFAULT_WEIGHT);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const shares = group.slice(0, LISTED).map((d, i) => {
    const weight = weights[i] as number;
    const share = total > 0 ? `${Math.round((weight / total) * 1000) / 10}%` : 'an even share';
    return `'${d.id}' ${share}${d.weight === undefined ? ' (no weight)' : ''}`;
  });
  return group.length > LISTED ? `${shares.join(', ')}, …` : shares.join(', ');
}

/**
 * One warning per model whose deployments set `weight` on some but not all of them, saying
 * what the others count as and the split that makes under simple-shuffle.
 */
export function partialWeightWarnings(deployments: readonly Deployment[]): string[] {
  const byModel = new Map<string, Deployment[]>();
  for (const d of deployments) {
    const group = byModel.get(d.model);
    if (group) group.push(d);
    else byModel.set(d.model, [d]);
  }
  const warnings: string[] = [];
  for (const [model, group] of byModel) {
    const weighted = group.filter((d) => d.weight !== undefined).length;
    if (weighted === 0 || weighted === group.length) continue;
    const zero = group.some((d) => d.weight === 0) ? '; a weight of 0 serves only when nothing else is left' : '';
    warnings.push(
      `model '${model}': ${weighted} of ${group.length} deployments set weight; simple-shuffle counts a deployment without one as ` +
        `${DEFAULT_WEIGHT}, so traffic splits ${describeSplit(group)}${zero}. Give every deployment of '${model}' a weight to state the split.`,
    );
  }
  return warnings;
}
