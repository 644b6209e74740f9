import type { ResponseHeaders } from '../provider-adapter.js';

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long a response asks the caller to wait: `retry-after-ms` (milliseconds), else
 * `retry-after` as seconds or as an HTTP date. Undefined when neither is usable.
 */
export function parseRetryAfterMs(headers: ResponseHeaders, now: number = Date.now()): number | undefined {
  const ms = firstValue(headers['retry-after-ms']);
  if (ms !== undefined) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = firstValue(headers['retry-after']);
  if (after === undefined || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
