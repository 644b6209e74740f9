/** Periods are fixed UTC windows counted from Monday 1970-01-05: `1h` starts on the hour, `1d` at midnight UTC, `7d` on Mondays. */
const ANCHOR_MS = Date.UTC(1970, 0, 5);

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export const PERIOD_PATTERN = /^([1-9]\d*)(m|h|d|w)$/;

/** `'30d'` → its length in ms. The pattern is checked at construction. */
export function periodMs(period: string): number {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`Invalid period '${period}'`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Start of the window of length `lengthMs` that holds `atMs`. */
export function windowStart(lengthMs: number, atMs: number): number {
  return ANCHOR_MS + Math.floor((atMs - ANCHOR_MS) / lengthMs) * lengthMs;
}
