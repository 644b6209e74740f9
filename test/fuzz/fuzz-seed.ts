import fc from 'fast-check';
import { beforeAll } from 'vitest';

/**
 * One seed for every property of a fuzz file: `FUZZ_SEED` when set, else a constant, so
 * every run explores the same cases and a failure printed with its seed can be replayed
 * with `FUZZ_SEED=<seed> npx vitest run <file>`.
 */
export const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? 1313 : Number(process.env.FUZZ_SEED);

fc.configureGlobal({ seed: FUZZ_SEED });

beforeAll(() => {
  console.log(`fuzz seed ${FUZZ_SEED} (replay: FUZZ_SEED=${FUZZ_SEED})`);
});
