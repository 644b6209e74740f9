/** More tokens than any model takes and answers in one call: a count above it is a provider's mistake, not usage. */
export const MAX_TOKENS_PER_CALL = 100_000_000;

/**
 * Whether a number may enter the router's state (spend, reservations, counters, usage and
 * latency stats): a finite number from 0 to `max`. NaN, Infinity, negatives, strings and
 * anything else would poison what every later call reads.
 */
export function isCountable(value: unknown, max = Number.MAX_VALUE): value is number {
  return typeof value === 'number' && value >= 0 && value <= max;
}

/** A token estimate as the router's state reserves it: 0 when it is not a number of 0 or more, at most `MAX_TOKENS_PER_CALL`. */
export function boundedTokens(value: unknown): number {
  return typeof value === 'number' && value >= 0 ? Math.min(value, MAX_TOKENS_PER_CALL) : 0;
}
