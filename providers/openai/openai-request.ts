import type { HttpRequestSpec, ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletionRequest } from '../../src/types/chat.js';

export interface OpenAIRequestOptions {
  /** Ask for usage in the last stream chunk (`stream_options.include_usage`). */
  streamUsage: boolean;
}

/** One URL string per deployment, so the transport's parsed-URL cache hits without re-hashing a new string per call. */
const chatUrls = new WeakMap<ProviderTarget, string>();

function chatUrl(target: ProviderTarget): string {
  let url = chatUrls.get(target);
  if (url === undefined) {
    url = `${target.baseUrl}/chat/completions`;
    chatUrls.set(target, url);
  }
  return url;
}

export function openAIHeaders(target: ProviderTarget): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return target.headers ? Object.assign(headers, target.headers) : headers;
}

/** The request as OpenAI's chat completions endpoint takes it: every field passed through, `params` as defaults. */
export function buildOpenAIChatRequest(
  request: ChatCompletionRequest,
  target: ProviderTarget,
  options: OpenAIRequestOptions,
): HttpRequestSpec {
  const body: Record<string, unknown> = target.params
    ? { ...target.params, ...request, model: target.providerModel }
    : { ...request, model: target.providerModel };
  if (request.stream && options.streamUsage) {
    body.stream_options = { include_usage: true, ...request.stream_options };
  }
  return {
    url: chatUrl(target),
    method: 'POST',
    headers: openAIHeaders(target),
    body: JSON.stringify(body),
  };
}
