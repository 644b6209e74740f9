import type { Deployment } from '../deployments/deployment.js';
import type { RouterEventBus } from '../events/router-event-bus.js';
import type { CallState } from '../pipeline/call-state.js';
import { ChatCompletionStream, type StreamHandlers } from '../pipeline/chat-completion-stream.js';
import type { ChatCompletion, ChatCompletionRequest, CompletionUsage } from '../types/chat.js';
import { withCost } from '../pipeline/with-cost.js';
import { copyJson } from './copy-json.js';
import { replayChunks } from './replay-chunks.js';
import type { CachedCompletion } from './response-cache.js';

/** What answering from the cache needs of its router. */
export interface CacheHitContext {
  events: RouterEventBus;
  now: () => number;
  /** The deployment a replayed stream names: the one that served the answer, else the group's first; undefined when the group has none. */
  servingDeployment(answer: CachedCompletion, model: string): Deployment | undefined;
  emitFailure(call: CallState, deployment: Deployment, error: unknown, usage: CompletionUsage | undefined): void;
}

function emitHit(
  context: CacheHitContext,
  call: CallState,
  model: string,
  answer: CachedCompletion,
  /** The answer the caller got, made only when someone listens (a replayed stream assembles it). */
  response: () => ChatCompletion,
  usage: CompletionUsage | undefined,
  ttftMs: number | undefined,
  completed: boolean,
): void {
  const { events } = context;
  const by = answer.servedBy;
  if (events.has('success')) {
    events.emit(
      'success',
      Object.assign(call.labels(), {
        requestId: call.requestId,
        operation: call.operation,
        model,
        deploymentId: by?.deploymentId ?? '',
        provider: by?.provider ?? '',
        providerModel: by?.providerModel ?? '',
        latencyMs: context.now() - call.startedAt,
        ttftMs,
        usage,
        costUsd: 0,
        cacheHit: true,
        savedUsd: answer.costUsd,
        attempts: 0,
        stream: call.stream,
        completed,
        request: call.request,
        response: response(),
      }),
    );
  }
}

/** Tells `cache-hit` listeners a call is answered from the cache. */
function tellHit(context: CacheHitContext, call: CallState, model: string, answer: CachedCompletion): void {
  if (!context.events.has('cache-hit')) return;
  context.events.emit(
    'cache-hit',
    Object.assign(call.labels(), {
      requestId: call.requestId,
      model,
      deploymentId: answer.servedBy?.deploymentId ?? '',
      provider: answer.servedBy?.provider ?? '',
      savedUsd: answer.costUsd,
      ageMs: context.now() - answer.storedAt,
      stream: call.stream,
    }),
  );
}

/**
 * A call answered from the cache, as the caller asked for it: a copy of the whole answer
 * (with `costUsd` 0), or a stream replaying it. No provider is called and nothing is counted
 * against limits, budgets or deployments. Undefined when a stream cannot be replayed (its
 * model has no deployment left to name).
 */
export function answerFromCache(
  context: CacheHitContext,
  call: CallState,
  model: string,
  request: ChatCompletionRequest,
  answer: CachedCompletion,
): ChatCompletion | ChatCompletionStream | undefined {
  if (!request.stream) {
    tellHit(context, call, model, answer);
    const response = withCost(copyJson(answer.completion), 0);
    emitHit(context, call, model, answer, () => response, response.usage, undefined, true);
    return response;
  }
  const deployment = context.servingDeployment(answer, model);
  if (deployment === undefined) return undefined;
  tellHit(context, call, model, answer);
  const handlers: StreamHandlers = {
    segmentFailed: () => undefined,
    resume: undefined,
    succeeded: (_deployment, tracker, completed) => emitHit(context, call, model, answer, () => tracker.completion(), tracker.usage, tracker.ttftMs, completed),
    failed: (served, error, tracker) => context.emitFailure(call, served, error, tracker.usage),
    costUsd: () => 0,
    elapsedMs: () => context.now() - call.startedAt,
  };
  const segment = { deployment, chunks: replayChunks(answer.completion), release: () => undefined };
  return new ChatCompletionStream(call.requestId, segment, request, handlers);
}
