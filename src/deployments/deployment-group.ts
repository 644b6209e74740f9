import type { Deployment } from './deployment.js';

/**
 * A model group with what the filters need to know about it, worked out once per change
 * instead of once per request, so a group without limits, tags or tiers costs nothing.
 */
export interface DeploymentGroup {
  readonly model: string;
  readonly deployments: readonly Deployment[];
  readonly anyTags: boolean;
  readonly anyDefaultTag: boolean;
  /** Some deployment has `maxInputTokens`. */
  readonly anyInputLimit: boolean;
  /** The largest prompt any deployment takes; Infinity when one has no limit. */
  readonly largestInputLimit: number;
  /** The smallest `maxInputTokens` in the group: a prompt within it fits everywhere. */
  readonly smallestInputLimit: number;
  /** More than one `priority` in the group. */
  readonly tiered: boolean;
}

export function buildGroup(model: string, deployments: readonly Deployment[]): DeploymentGroup {
  let largestInputLimit = 0;
  let smallestInputLimit = Infinity;
  for (const d of deployments) {
    largestInputLimit = Math.max(largestInputLimit, d.maxInputTokens ?? Infinity);
    smallestInputLimit = Math.min(smallestInputLimit, d.maxInputTokens ?? Infinity);
  }
  return {
    model,
    deployments,
    anyTags: deployments.some((d) => d.tags.length > 0),
    anyDefaultTag: deployments.some((d) => d.tags.includes('default')),
    anyInputLimit: deployments.some((d) => d.maxInputTokens !== undefined),
    largestInputLimit,
    smallestInputLimit,
    tiered: new Set(deployments.map((d) => d.priority)).size > 1,
  };
}
