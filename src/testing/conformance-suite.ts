import { describe, it, onTestFinished } from 'vitest';

/** A case of a conformance suite: it gets what the suite is run on, and a way to skip itself with a note. */
export type ConformanceCase<Subject> = (subject: Subject, skip: (note: string) => never) => unknown;

export interface ConformanceSkip<Title extends string> {
  reason: string;
  tests: readonly Title[];
}

/**
 * Declares one `it` per case under `describe(title)`, the skipped ones reported as skipped
 * with their reason. A skip naming no case throws at once, listing the cases, so a typo
 * cannot quietly leave a case out.
 */
export function declareConformance<Subject>(
  suite: string,
  title: string,
  cases: Record<string, ConformanceCase<Subject>>,
  subject: Subject,
  skip: ReadonlyArray<ConformanceSkip<string>>,
): void {
  const skipped = new Map<string, string>();
  for (const { reason, tests } of skip) {
    for (const test of tests) {
      if (!Object.hasOwn(cases, test)) throw new Error(`${suite}: no case is called '${test}'; the cases are: ${Object.keys(cases).join('; ')}`);
      skipped.set(test, reason);
    }
  }
  describe(title, () => {
    for (const [name, run] of Object.entries(cases)) {
      const reason = skipped.get(name);
      it(name, (context) => (reason === undefined ? run(subject, (note) => context.skip(note)) : context.skip(reason)));
    }
  });
}

/** A store for one case: made by `newStore` (sync or async), closed once the case ends when it has `close()`. */
export function closedAfterEachCase<Store>(newStore: () => Store | Promise<Store>): () => Promise<Store> {
  return async () => {
    const store = await newStore();
    onTestFinished(async () => {
      await (store as { close?: () => Promise<void> | void }).close?.();
    });
    return store;
  };
}
