/**
 * Resolves once the async `predicate` holds, asked again as soon as it answers. The bound only turns
 * a hang into a clear failure: far beyond what a loaded machine needs.
 */
export async function eventually(predicate: () => Promise<boolean>, boundMs = 5_000): Promise<void> {
  const giveUpAt = Date.now() + boundMs;
  while (!(await predicate())) {
    if (Date.now() > giveUpAt) throw new Error(`condition still false after ${boundMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
