import type { Deployment } from '../deployments/deployment.js';

/**
 * The numbers strategies scan, laid out per candidate list in typed arrays: reading them
 * is a walk over contiguous memory instead of a pointer chase into 10,000 objects. Kept
 * per list, so an unfiltered group (the same array every time) builds them once.
 */
export interface CandidateColumns {
  slots: Int32Array;
  /** Infinity where the deployment has no such limit. */
  rpm: Float64Array;
  tpm: Float64Array;
}

const cache = new WeakMap<readonly Deployment[], CandidateColumns>();

export function columnsOf(candidates: readonly Deployment[]): CandidateColumns {
  let columns = cache.get(candidates);
  if (columns) return columns;
  const n = candidates.length;
  columns = {
    slots: new Int32Array(n),
    rpm: new Float64Array(n),
    tpm: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const d = candidates[i] as Deployment;
    columns.slots[i] = d.stats.slot;
    columns.rpm[i] = d.rpm ?? Infinity;
    columns.tpm[i] = d.tpm ?? Infinity;
  }
  cache.set(candidates, columns);
  return columns;
}
