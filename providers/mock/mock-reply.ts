import { randomUUID } from 'node:crypto';
import { errorFromStatus, type RouterError } from '../../src/errors/index.js';
import type { LocalCallContext, ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletionRequest, CompletionUsage } from '../../src/types/chat.js';
import type { MockParams } from './mock-params.js';

export const DEFAULT_MOCK_CONTENT = 'This is a mock response from switchyard.';

export function mockParams(target: ProviderTarget): MockParams {
  return (target.params ?? {}) as MockParams;
}

export function mockId(): string {
  return `chatcmpl-mock-${randomUUID()}`;
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function promptText(request: ChatCompletionRequest): string {
  let text = '';
  for (const message of request.messages) {
    if (typeof message.content === 'string') text += message.content;
    else if (Array.isArray(message.content)) {
      for (const part of message.content) if (part.type === 'text') text += part.text;
    }
  }
  return text;
}

export function mockUsage(request: ChatCompletionRequest, content: string, params: MockParams): CompletionUsage {
  const prompt = params.usage?.prompt_tokens ?? estimateTokens(promptText(request));
  const completion = params.usage?.completion_tokens ?? estimateTokens(content);
  const usage: CompletionUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (params.usage?.cached_tokens !== undefined) usage.prompt_tokens_details = { cached_tokens: params.usage.cached_tokens };
  return usage;
}

/** The injected failure for this call, if the dice say so. */
export function mockFailure(params: MockParams, target: ProviderTarget, context: LocalCallContext): RouterError | undefined {
  if (params.errorStatus === undefined && params.errorRate === undefined) return undefined;
  const rate = params.errorRate ?? 1;
  if (context.random() >= rate) return undefined;
  const status = params.errorStatus ?? 500;
  return errorFromStatus(status, `mock (${target.deploymentId}): injected HTTP ${status}`, {
    provider: target.provider,
    deploymentId: target.deploymentId,
    retryAfterMs: status === 429 ? params.retryAfterMs : undefined,
  });
}

/** Waits on the router's clock, unless the call is aborted first. */
export function mockDelay(ms: number | undefined, { signal, clock }: LocalCallContext): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (!ms) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
