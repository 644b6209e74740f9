import type { Deployment } from '../deployments/deployment.js';
import { servingModel } from '../deployments/wildcard-target.js';
import { ContentPolicyViolationError, RateLimitError, TimeoutError } from '../errors/api-errors.js';
import { RouterError } from '../errors/router-error.js';
import { countsAgainstDeployment, failureKind } from '../reliability/failure-kind.js';
import { hasContentPolicyFallback } from '../reliability/fallback-routes.js';
import type { ChatCompletion, ChatCompletionRequest, CompletionUsage } from '../types/chat.js';
import type { EmbeddingResponse } from '../types/embedding.js';
import { callChat, callEmbedding, openChatStream, type AttemptSettings } from './call-deployment.js';
import type { CallState } from './call-state.js';
import type { RouterRuntime } from './router-runtime.js';
import { attemptTimeLimit } from './attempt-time-limit.js';
import type { Selection } from './select-deployment.js';
import { claimAttempt } from './shared-claim.js';
import { primeStream, type StreamSegment } from './stream-segment.js';
import { beginUsage, recordLatency, recordTimeout, recordTimeToFirstToken, settleAttempt, type AttemptTickets } from './usage-accounting.js';

export type Served =
  | { deployment: Deployment; response: ChatCompletion; segment?: undefined; embedding?: undefined }
  | { deployment: Deployment; segment: StreamSegment; response?: undefined; embedding?: undefined }
  | { deployment: Deployment; embedding: EmbeddingResponse; response?: undefined; segment?: undefined };

export function attemptSettings(runtime: RouterRuntime, call: CallState, deployment: Deployment): AttemptSettings {
  const idleMs = call.options.streamIdleTimeoutMs;
  return {
    transport: runtime.transport,
    deadlines: runtime.deadlines,
    attemptLimit: attemptTimeLimit(runtime, call, deployment),
    idleLimit: idleMs === undefined ? runtime.idleLimit : { ms: idleMs, name: 'streamIdleTimeoutMs' },
    deadlineAt: call.deadlineAt,
    signal: call.options.signal,
    random: runtime.random,
    clock: runtime.clock,
  };
}

function filteredAnswer(response: ChatCompletion, deployment: Deployment): ContentPolicyViolationError {
  return new ContentPolicyViolationError(`${deployment.provider} (${deployment.id}) filtered the answer (finish_reason: content_filter)`, {
    provider: deployment.provider,
    deploymentId: deployment.id,
    code: 'content_filter',
    cause: response,
  });
}

/**
 * One attempt on one deployment, accounted for: the `request` event, the deployment's
 * health, and the call's record of failures.
 */
export async function runAttempt(
  runtime: RouterRuntime,
  call: CallState,
  model: string,
  picked: Selection,
  request: ChatCompletionRequest = call.request,
): Promise<Served> {
  const { shared } = runtime.state;
  // A shared store takes the attempt's limits, budget holds and probe in one round trip, and may pick again.
  const claimed = shared === undefined ? undefined : await claimAttempt(runtime, shared, call, model, picked);
  const { probe } = claimed?.selection ?? picked;
  const deployment = claimed?.deployment ?? servingModel(picked.deployment, model);
  call.attempts++;
  call.deployment = deployment;
  if (runtime.events.has('request')) {
    runtime.events.emit(
      'request',
      Object.assign(call.labels(), {
        requestId: call.requestId,
        operation: call.operation,
        model,
        deploymentId: deployment.id,
        provider: deployment.provider,
        providerModel: deployment.providerModel,
        attempt: call.attempts,
        stream: call.stream,
        request: call.embedding ?? call.request,
      }),
    );
  }
  const startedAt = runtime.now();
  const settings = attemptSettings(runtime, call, deployment);
  const tickets: AttemptTickets = claimed ?? {
    usage: beginUsage(runtime, call, deployment),
    spend: runtime.spending.begin(call, deployment, model),
    hold: undefined,
  };
  try {
    let served: Served;
    if (call.embedding) {
      const embedding = await callEmbedding(deployment, call.embedding, settings);
      const usage = { prompt_tokens: embedding.usage.prompt_tokens, completion_tokens: 0, total_tokens: embedding.usage.total_tokens };
      recordLatency(runtime, deployment, startedAt, runtime.now(), 1);
      settleAttempt(runtime, call, deployment, tickets, usage);
      served = { deployment, embedding };
    } else if (request.stream) {
      const segment = await primeStream(await openChatStream(deployment, request, settings), deployment);
      recordTimeToFirstToken(runtime, deployment, startedAt, runtime.now());
      const release = (usage?: CompletionUsage) => {
        segment.release(usage);
        settleAttempt(runtime, call, deployment, tickets, usage);
      };
      served = { deployment, segment: { ...segment, release } };
    } else {
      const response = await callChat(deployment, request, settings);
      recordLatency(runtime, deployment, startedAt, runtime.now(), response.usage?.completion_tokens);
      settleAttempt(runtime, call, deployment, tickets, response.usage);
      if (response.choices[0]?.finish_reason === 'content_filter' && hasContentPolicyFallback(model, runtime.routes)) {
        throw filteredAnswer(response, deployment);
      }
      served = { deployment, response };
    }
    runtime.health.succeeded(deployment, probe);
    return served;
  } catch (error) {
    settleAttempt(runtime, call, deployment, tickets, undefined);
    if (error instanceof TimeoutError) recordTimeout(runtime, deployment, call.stream);
    const kind = failureKind(error);
    if (kind === 'foreign') {
      if (probe) runtime.health.releaseProbe(deployment);
      throw error;
    }
    call.failed(deployment.id, kind);
    call.lastAttemptError = error;
    call.failedAttempts.push({
      deploymentId: deployment.id,
      model,
      provider: deployment.provider,
      error: error instanceof RouterError ? error.name : 'Error',
      status: error instanceof RouterError ? error.status : undefined,
      latencyMs: runtime.now() - startedAt,
    });
    if (countsAgainstDeployment(kind)) runtime.health.failed(deployment, error, kind === 'misconfigured' || error instanceof RateLimitError, probe);
    else if (probe) runtime.health.releaseProbe(deployment);
    throw error;
  }
}
