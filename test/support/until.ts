/**
 * Resolves once `predicate` holds, checked on every event-loop turn. The bound is there only
 * to turn a real hang into a clear failure: it is far beyond what any loaded machine needs,
 * so how fast the machine is never decides the outcome.
 */
export async function until(predicate: () => boolean, boundMs = 5_000): Promise<void> {
  const giveUpAt = Date.now() + boundMs;
  while (!predicate()) {
    if (Date.now() > giveUpAt) throw new Error(`condition still false after ${boundMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
