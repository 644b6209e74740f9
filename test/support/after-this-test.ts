import { afterEach } from 'vitest';

const cleanups: Array<() => Promise<void> | void> = [];

/** Runs after the current test, the latest registered first (a router closes before the servers it talks to). */
export function afterThisTest(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

afterEach(async () => {
  for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) await cleanup();
});
