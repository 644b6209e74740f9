import { RateLimitError } from '../errors/api-errors.js';
import { NoDeploymentAvailableError } from '../errors/router-side-errors.js';
import { failureKind } from '../reliability/failure-kind.js';
import { backoffDelayMs, retriesAllowedFor } from '../reliability/retry-policy.js';
import type { CallState } from './call-state.js';
import { fallbacksAhead, freeInMs } from './free-in.js';
import type { RouterRuntime } from './router-runtime.js';

/**
 * What to do after a failed attempt: stop (leaving the call to its fallbacks), end the call
 * with `verdict` (nothing it may still use can serve it in time), or try the group again
 * after `delayMs`, counted against the retries or not; `waitedMs` of it counts against `maxWaitMs`.
 */
export type RetryDecision = { retry: false; verdict?: unknown } | { retry: true; delayMs: number; consumesRetry: boolean; waitedMs: number };

const STOP: RetryDecision = { retry: false };

/** A deployment freeing up within this is the clock's granularity (timers and Date.now disagree by a millisecond), not a busy group. */
const CLOCK_SLACK_MS = 5;

/** Whether the group still has a free deployment this call has not failed on: then a retry goes there at once. */
function hasFreshDeployment(runtime: RouterRuntime, call: CallState, model: string): boolean {
  const group = runtime.registry.group(model)?.deployments ?? [];
  return group.some((d) => !call.failedDeployments?.has(d.id) && runtime.health.availability(d).available);
}

export function decideRetry(runtime: RouterRuntime, call: CallState, model: string, error: unknown, retriesUsed: number): RetryDecision {
  const kind = failureKind(error);
  if (kind === 'unavailable') return waitOrMoveOn(runtime, call, model, error, 0, false, (error as RateLimitError).retryAfterMs ?? Infinity);
  if (kind !== 'transient' && kind !== 'misconfigured') return STOP;
  if (retriesUsed >= retriesAllowedFor(error, call.retries)) return STOP;
  if (hasFreshDeployment(runtime, call, model)) return { retry: true, delayMs: 0, consumesRetry: true, waitedMs: 0 };
  if (kind === 'misconfigured') return STOP;

  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
  if (retryAfterMs !== undefined && retryAfterMs > call.retries.maxRetryAfterMs) return STOP;
  const delayMs = retryAfterMs ?? backoffDelayMs(retriesUsed, call.retries, runtime.random);
  const freeMs = freeInMs(runtime, call, model);
  if (freeMs === undefined || freeMs <= delayMs) return delayMs < call.remainingMs() ? { retry: true, delayMs, consumesRetry: true, waitedMs: 0 } : STOP;
  return waitOrMoveOn(runtime, call, model, error, delayMs, true, freeMs);
}

/**
 * The group has nothing free for `freeMs`, longer than the `plannedMs` the retry would
 * wait. Waits for it when it frees up before any fallback and the longer wait fits in
 * `maxWaitMs` (all such waits of the call together) and the deadline; else moves on to the
 * fallbacks when one can serve within them; else ends the call at once.
 */
function waitOrMoveOn(
  runtime: RouterRuntime,
  call: CallState,
  model: string,
  error: unknown,
  plannedMs: number,
  consumesRetry: boolean,
  freeMs: number,
): RetryDecision {
  const maxWaitMs = Math.max(call.options.maxWaitMs ?? runtime.maxWaitMs, CLOCK_SLACK_MS);
  const remaining = call.remainingMs();
  const fallbacks = fallbacksAhead(runtime, call);
  let fallbackMs = Infinity;
  for (const group of fallbacks) {
    fallbackMs = Math.min(fallbackMs, freeInMs(runtime, call, group) ?? Infinity);
    if (fallbackMs === 0) break;
  }
  const waitedMs = freeMs - plannedMs;
  if (freeMs <= fallbackMs && call.waitedMs + waitedMs <= maxWaitMs && freeMs < remaining) return { retry: true, delayMs: freeMs, consumesRetry, waitedMs };
  if (call.waitedMs + fallbackMs <= maxWaitMs && fallbackMs < remaining) return STOP;
  return { retry: false, verdict: nothingFree(call, model, fallbacks, error, Math.min(freeMs, fallbackMs)) };
}

/**
 * Why the call ends when nothing can serve it in time: the last attempt's failure (or, with
 * none, the router's), except that a rate limit gets the real time until a deployment frees
 * up when the router knows better (a failed probe cools down for longer than retry-after).
 */
function nothingFree(call: CallState, model: string, fallbacks: readonly string[], error: unknown, freeMs: number): unknown {
  const last = call.lastAttemptError ?? error;
  const retryAfterMs = freeMs === Infinity ? undefined : freeMs;
  if (!(last instanceof RateLimitError) || retryAfterMs === undefined || last.retryAfterMs === retryAfterMs) return last;
  const groups = fallbacks.length === 0 ? `model '${model}'` : `model '${model}' or its fallbacks (${fallbacks.join(', ')})`;
  const limits = call.deadlineAt === undefined ? 'maxWaitMs' : 'maxWaitMs, deadlineMs';
  const cause = last instanceof NoDeploymentAvailableError ? '' : `; the last attempt failed with ${last.name}`;
  return new NoDeploymentAvailableError(`No deployment of ${groups} is free for ${retryAfterMs} ms, longer than this call may wait (${limits})${cause}`, {
    retryAfterMs,
    cause: last,
  });
}
