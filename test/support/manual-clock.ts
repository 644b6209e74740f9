/** A hand-driven clock for timestamps: cooldowns, windows and periods move only on `advance`. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}
