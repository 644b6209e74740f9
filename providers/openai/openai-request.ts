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

const headersByTarget = new WeakMap<ProviderTarget, Record<string, string>>();

/** The same for every call to a deployment, so made once; the transport never changes them. */
export function openAIHeaders(target: ProviderTarget): Record<string, string> {
  let headers = headersByTarget.get(target);
  if (!headers) {
    headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    if (target.headers) Object.assign(headers, target.headers);
    headersByTarget.set(target, Object.freeze(headers));
  }
  return headers;
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
