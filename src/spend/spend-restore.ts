import { spentAmount } from './rule-input.js';
import type { SpendCounter } from './spend-ledger.js';

/** Answers what was spent since a moment (from spend logs kept elsewhere), in USD. */
export type SpentSince = (since: Date) => number | Promise<number>;

/**
 * Asks `spentSince` once per window start the counters have (all-time: the epoch), checks
 * every answer, then raises each counter to its window's answer.
 */
export async function restoreCounters(
  counters: readonly SpendCounter[],
  spentSince: SpentSince,
  raise: (counter: SpendCounter, usd: number) => Promise<void>,
): Promise<void> {
  const starts = [...new Set(counters.map((counter) => counter.windowStart))];
  const answers = await Promise.all(starts.map(async (start) => spentAmount(await spentSince(new Date(start)), new Date(start))));
  const usdFrom = new Map(starts.map((start, index) => [start, answers[index] as number]));
  await Promise.all(counters.map((counter) => raise(counter, usdFrom.get(counter.windowStart) as number)));
}
