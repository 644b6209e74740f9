import { RouterError } from '../errors/router-error.js';
import { failureKind } from '../reliability/failure-kind.js';
import { fallbackGroups } from '../reliability/fallback-routes.js';
import { estimatePromptTokens, tokensFromContextError } from '../tokens/estimate-tokens.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import type { CallState, FallbackProgress } from './call-state.js';
import { fits } from './free-in.js';
import type { RouterRuntime } from './router-runtime.js';
import type { Served } from './run-attempt.js';
import { retryGroup, runGroup } from './run-group.js';
import { runAttempt } from './run-attempt.js';
import { selectDeployment } from './select-deployment.js';

/**
 * The error a call ends with, listing every failed attempt: the one that says nothing can
 * serve it in time, when that ended it; else the last provider attempt's, when there was one.
 */
function finalError(call: CallState, error: unknown): unknown {
  let chosen = error;
  if (call.verdict !== undefined) chosen = call.verdict;
  else if (failureKind(error) !== 'foreign' && call.lastAttemptError !== undefined) chosen = call.lastAttemptError;
  if (chosen instanceof RouterError) chosen.attempts = [...call.failedAttempts];
  return chosen;
}

/**
 * Serves a call: its model group with retries, then fallback groups in order (each with
 * its own retries and fallbacks), at most `maxFallbacks` of them, never one twice.
 */
export async function runCall(runtime: RouterRuntime, call: CallState, model: string, request?: ChatCompletionRequest): Promise<Served> {
  // The first attempt runs here, not through runGroup: one async frame on the path nearly every call takes.
  try {
    return await runAttempt(runtime, call, model, selectDeployment(runtime, call, model), request);
  } catch (error) {
    call.startFallbacks(model);
    try {
      return await retryGroup(runtime, call, model, request, error);
    } catch (groupError) {
      try {
        return await fallBack(runtime, call, model, request, groupError);
      } catch (final) {
        throw finalError(call, final);
      }
    }
  }
}

async function fallBack(
  runtime: RouterRuntime,
  call: CallState,
  model: string,
  request: ChatCompletionRequest | undefined,
  groupError: unknown,
): Promise<Served> {
  const progress = call.fallbacks as FallbackProgress;

  const afterGroupFailed = async (group: string, error: unknown, explicitFallbacks: string[] | undefined): Promise<Served> => {
    const kind = failureKind(error);
    if (kind === 'context-window') {
      const stated = error instanceof Error ? tokensFromContextError(error.message) : undefined;
      call.minInputTokens = Math.max(call.minInputTokens ?? 0, stated ?? 0, estimatePromptTokens(call.request));
    }
    let last = error;
    let from = group;
    for (const target of explicitFallbacks ?? fallbackGroups(group, kind, runtime.routes)) {
      if (progress.left <= 0 || kind === 'rejected' || kind === 'foreign' || call.verdict !== undefined) break;
      if (progress.visited.has(target)) continue;
      if (call.minInputTokens !== undefined && !fits(runtime, target, call.minInputTokens)) continue;
      progress.left--;
      progress.visited.add(target);
      if (runtime.events.has('fallback')) runtime.events.emit('fallback', { requestId: call.requestId, from, to: target, error: last });
      try {
        return await runGroup(runtime, call, target, request);
      } catch (fallbackError) {
        if (failureKind(fallbackError) === 'foreign') throw fallbackError;
        try {
          return await afterGroupFailed(target, fallbackError, undefined);
        } catch (nestedError) {
          if (failureKind(nestedError) === 'foreign') throw nestedError;
          last = nestedError;
          from = target;
        }
      }
    }
    throw last;
  };

  return afterGroupFailed(model, groupError, call.options.fallbacks);
}
