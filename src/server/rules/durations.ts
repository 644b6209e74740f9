/**
 * LiteLLM's durations (`30s`, `30m`, `30h`, `30d`, `1mo`; also `2w`) as the gateway uses them:
 * a key's `duration` (when it expires) and a `budget_duration` (the router's budget period).
 */

const DURATION = /^([1-9]\d*)(s|m|h|d|w|mo)$/;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, mo: 30 * 86_400_000 } as const;

type Unit = keyof typeof UNIT_MS;

function parsed(duration: string): { count: number; unit: Unit } | undefined {
  const match = DURATION.exec(duration);
  if (match === null) return undefined;
  const count = Number(match[1]);
  return Number.isSafeInteger(count) ? { count, unit: match[2] as Unit } : undefined;
}

/** What a key's `duration` accepts, for messages. */
export const KEY_DURATION_FORMS = "a duration such as '30s', '30m', '12h', '30d', '2w' or '1mo' (30 days), or null for never";

/** What a `budget_duration` accepts, for messages. */
export const BUDGET_DURATION_FORMS =
  "a period of whole minutes, hours, days or weeks such as '30m', '1h', '1d', '7d', '30d', '2w' or '1mo' (30 days), " +
  "or null for a budget that never resets; seconds ('30s') are not supported";

/** A key's `duration` in ms (`1mo` is 30 days); undefined when it is not one. */
export function durationMs(duration: string): number | undefined {
  const value = parsed(duration);
  if (value === undefined) return undefined;
  const ms = value.count * UNIT_MS[value.unit];
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * A `budget_duration` as the router's budget `period`: `1h`, `1d`, `7d`, `2w` as they are, `1mo` → `30d`.
 * Undefined for seconds (router periods are whole minutes at least) and anything else.
 */
export function budgetPeriod(duration: string): string | undefined {
  const value = parsed(duration);
  if (value === undefined || value.unit === 's') return undefined;
  if (value.unit === 'mo') return Number.isSafeInteger(value.count * 30) ? `${value.count * 30}d` : undefined;
  return duration;
}
