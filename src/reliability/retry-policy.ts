import * as z from 'zod';
import { nonNegativeInteger } from '../config/schema-helpers.js';
import { errorKindsOf } from '../errors/router-error.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  max?: number;
  /** First backoff delay when no other deployment is free. Default 500. */
  minDelayMs?: number;
  /** Longest backoff delay. Default 8000. */
  maxDelayMs?: number;
  /** A provider's `retry-after` above this ends the group's retries instead of waiting. Default 60000. */
  maxRetryAfterMs?: number;
  /** Retries per error class name, overriding `max`, e.g. `{ RateLimitError: 4, TimeoutError: 0 }`. */
  byError?: Record<string, number>;
}

export interface RetryPolicy {
  max: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  byError: Readonly<Record<string, number>>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { max: 2, minDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000, byError: {} };

export const retryOptionsSchema = z.lazy(() =>
  z.union(
    [
      nonNegativeInteger(),
      z.strictObject({
        max: nonNegativeInteger().optional(),
        minDelayMs: nonNegativeInteger().optional(),
        maxDelayMs: nonNegativeInteger().optional(),
        maxRetryAfterMs: nonNegativeInteger().optional(),
        byError: z.record(z.string(), nonNegativeInteger(), { error: 'expected { ErrorClassName: retries }' }).optional(),
      }),
    ],
    { error: 'expected a number of retries or { max, minDelayMs, maxDelayMs, maxRetryAfterMs, byError }' },
  ),
);

export function retryPolicy(options: RetryOptions | number | undefined, base: RetryPolicy = DEFAULT_RETRY_POLICY): RetryPolicy {
  if (options === undefined) return base;
  if (typeof options === 'number') return { ...base, max: options };
  return {
    max: options.max ?? base.max,
    minDelayMs: options.minDelayMs ?? base.minDelayMs,
    maxDelayMs: options.maxDelayMs ?? base.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? base.maxRetryAfterMs,
    byError: { ...base.byError, ...options.byError },
  };
}

/** How many retries an error allows: the `byError` entry of its class or of the nearest ancestor that has one, else `max`. */
export function retriesAllowedFor(error: unknown, policy: RetryPolicy): number {
  for (const kind of errorKindsOf(error)) {
    const allowed = policy.byError[kind];
    if (allowed !== undefined) return allowed;
  }
  return policy.max;
}

/** Exponential backoff with full jitter between half and all of the step: 0.5 s, 1 s, 2 s … up to `maxDelayMs`. */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** retryIndex);
  return Math.round(step * (0.5 + random() / 2));
}
