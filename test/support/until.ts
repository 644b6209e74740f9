/** Resolves on the next occurrence of `predicate` becoming true, checked on each event-loop turn; bounded. */
export async function until(predicate: () => boolean, turns = 2_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}
