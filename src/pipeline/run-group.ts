import pRetry, { AbortError } from 'p-retry';
import type { RateLimitError } from '../errors/api-errors.js';
import { failureKind } from '../reliability/failure-kind.js';
import { backoffDelayMs, retriesAllowedFor } from '../reliability/retry-policy.js';
import { wait } from '../reliability/wait.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import type { CallState } from './call-state.js';
import type { RouterRuntime } from './router-runtime.js';
import { runAttempt, type Served } from './run-attempt.js';
import { selectDeployment } from './select-deployment.js';

/** What to do after a failed attempt: stop, or try again after `delayMs` (counted against the retries or not). */
type RetryDecision = { retry: false } | { retry: true; delayMs: number; consumesRetry: boolean };

const STOP: RetryDecision = { retry: false };

/** A deployment freeing up within this is the clock's granularity (timers and Date.now disagree by a millisecond), not a busy group. */
const CLOCK_SLACK_MS = 5;

/** Whether the group still has a free deployment this call has not failed on: then a retry goes there at once. */
function hasFreshDeployment(runtime: RouterRuntime, call: CallState, model: string): boolean {
  const group = runtime.registry.group(model)?.deployments ?? [];
  return group.some((d) => !call.failedDeployments?.has(d.id) && runtime.health.availability(d).available);
}

function decide(runtime: RouterRuntime, call: CallState, model: string, error: unknown, retriesUsed: number): RetryDecision {
  const kind = failureKind(error);
  const remaining = call.remainingMs();
  if (kind === 'unavailable') {
    const waitMs = (error as RateLimitError).retryAfterMs;
    const maxWaitMs = call.options.maxWaitMs ?? runtime.maxWaitMs;
    const waitable = waitMs !== undefined && call.waitedMs + waitMs <= Math.max(maxWaitMs, CLOCK_SLACK_MS) && waitMs < remaining;
    return waitable ? { retry: true, delayMs: waitMs, consumesRetry: false } : STOP;
  }
  if (kind !== 'transient' && kind !== 'misconfigured') return STOP;
  if (retriesUsed >= retriesAllowedFor(error, call.retries)) return STOP;
  if (hasFreshDeployment(runtime, call, model)) return { retry: true, delayMs: 0, consumesRetry: true };
  if (kind === 'misconfigured') return STOP;

  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
  if (retryAfterMs !== undefined && retryAfterMs > call.retries.maxRetryAfterMs) return STOP;
  const delayMs = retryAfterMs ?? backoffDelayMs(retriesUsed, call.retries, runtime.random);
  return delayMs < remaining ? { retry: true, delayMs, consumesRetry: true } : STOP;
}

/**
 * Serves the call from one model group, retrying: at once on another deployment when one
 * is free, else after the provider's retry-after or an exponential backoff; waits for a
 * cooling group only within `maxWaitMs` (all such waits of the call together) and the deadline. The first attempt runs on its
 * own: p-retry's setup costs more than the rest of the router's work per call, so it is
 * only brought in once an attempt has failed.
 */
export function runGroup(runtime: RouterRuntime, call: CallState, model: string, request?: ChatCompletionRequest): Promise<Served> {
  let first: Promise<Served>;
  try {
    first = runAttempt(runtime, call, model, selectDeployment(runtime, call, model), request);
  } catch (error) {
    first = Promise.reject(error);
  }
  return first.catch((error: unknown) => retryGroup(runtime, call, model, request, error));
}

/** Retries a group after its first attempt failed with `firstError`. */
export async function retryGroup(
  runtime: RouterRuntime,
  call: CallState,
  model: string,
  request: ChatCompletionRequest | undefined,
  firstError: unknown,
): Promise<Served> {
  let retriesUsed = 0;
  const afterFailure = async (error: unknown): Promise<void> => {
    const decision = decide(runtime, call, model, error, retriesUsed);
    if (!decision.retry) throw error;
    if (decision.consumesRetry) {
      retriesUsed++;
      if (runtime.events.has('retry') && call.deployment) {
        runtime.events.emit('retry', {
          requestId: call.requestId,
          model,
          deploymentId: call.deployment.id,
          error,
          attempt: call.attempts,
          delayMs: decision.delayMs,
        });
      }
    } else {
      call.waitedMs += decision.delayMs;
    }
    await wait(decision.delayMs, call.options.signal, runtime.clock);
  };
  await afterFailure(firstError);

  let thrown: { value: unknown } | undefined;
  try {
    return await pRetry(
      async () => {
        try {
          return await runAttempt(runtime, call, model, selectDeployment(runtime, call, model), request);
        } catch (error) {
          // p-retry handles only Error instances; anything else (a caller's abort reason) passes through untouched.
          if (error instanceof Error) throw error;
          thrown = { value: error };
          throw new AbortError('non-error thrown');
        }
      },
      { retries: Number.MAX_SAFE_INTEGER, minTimeout: 0, maxTimeout: 0, onFailedAttempt: ({ error }) => afterFailure(error) },
    );
  } catch (error) {
    throw thrown ? thrown.value : error;
  }
}
