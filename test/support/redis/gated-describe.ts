import { describe } from 'vitest';

export type GatedDescribe = (title: string, fn: () => void) => void;

/**
 * `describe` when what the tests need is there, or when `CI` is `'true'` (so there they fail loudly
 * instead of passing by skipping); elsewhere `describe.skip`, with `whyMissing` added to the title.
 */
export function describeIf(available: boolean, whyMissing: string): GatedDescribe {
  if (available || process.env.CI === 'true') return (title, fn) => describe(title, fn);
  return (title, fn) => describe.skip(`${title} (${whyMissing})`, fn);
}
