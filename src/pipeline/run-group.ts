import pRetry, { AbortError } from 'p-retry';
import { wait } from '../reliability/wait.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import type { CallState } from './call-state.js';
import { decideRetry } from './retry-decision.js';
import type { RouterRuntime } from './router-runtime.js';
import { runAttempt, type Served } from './run-attempt.js';
import { selectDeployment } from './select-deployment.js';

/**
 * Serves the call from one model group, retrying: at once on another deployment when one
 * is free, else after the provider's retry-after or an exponential backoff, but never into
 * a wait at whose end nothing is free (see retry-decision). The first attempt runs on its
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
    const decision = decideRetry(runtime, call, model, error, retriesUsed);
    if (!decision.retry) {
      if (decision.verdict === undefined) throw error;
      call.verdict = decision.verdict;
      throw decision.verdict;
    }
    call.waitedMs += decision.waitedMs;
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
