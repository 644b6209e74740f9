import type { HttpRequestSpec, ProviderTarget } from '../../src/provider-adapter.js';
import { endpointUrl } from '../shared/endpoint-url.js';
import type { ChatCompletionRequest, ChatMessage } from '../../src/types/chat.js';

export interface OpenAIRequestOptions {
  /** Ask for usage in the last stream chunk (`stream_options.include_usage`). */
  streamUsage: boolean;
  /** Where chat completions go; default `${baseUrl}/chat/completions`. */
  url?: (target: ProviderTarget) => string;
  /** The key's header; default `Authorization: Bearer <key>`. */
  keyHeader?: (apiKey: string) => Record<string, string>;
  /** `params` that configure the adapter rather than add request fields. */
  adapterParams?: readonly string[];
  /** Where embeddings go; default `${baseUrl}/embeddings`. */
  embeddingsUrl?: (target: ProviderTarget) => string;
  /**
   * The server refuses reasoning on the assistant messages it is sent back (`reasoning_content`,
   * `reasoning`: Groq answers 400, Mistral 422, OpenAI takes no unknown field): leave it out.
   * Others (DeepSeek, which wants it back during a tool-call loop) get it as the caller sent it.
   */
  dropReasoningFromHistory?: boolean;
}

/** What is the same for every call to a deployment, worked out once: URL, headers, the params sent as request fields. */
interface Fixed {
  url: string;
  embeddingsUrl: string;
  headers: Record<string, string>;
  params: Record<string, unknown> | undefined;
}

const fixedByTarget = new WeakMap<ProviderTarget, Fixed>();

export function fixedFor(target: ProviderTarget, options: OpenAIRequestOptions): Fixed {
  let fixed = fixedByTarget.get(target);
  if (!fixed) {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (target.apiKey) Object.assign(headers, options.keyHeader ? options.keyHeader(target.apiKey) : { authorization: `Bearer ${target.apiKey}` });
    if (target.headers) Object.assign(headers, target.headers);
    let params = target.params;
    if (params && options.adapterParams) {
      params = Object.fromEntries(Object.entries(params).filter(([key]) => !options.adapterParams?.includes(key)));
      if (Object.keys(params).length === 0) params = undefined;
    }
    // The transport never changes them; one URL string per deployment also keeps its parsed-URL cache hitting.
    fixed = {
      url: options.url ? options.url(target) : endpointUrl(target.baseUrl, '/chat/completions'),
      embeddingsUrl: options.embeddingsUrl ? options.embeddingsUrl(target) : endpointUrl(target.baseUrl, '/embeddings'),
      headers: Object.freeze(headers),
      params,
    };
    fixedByTarget.set(target, fixed);
  }
  return fixed;
}

const carriesReasoning = (message: ChatMessage) => message.role === 'assistant' && ('reasoning_content' in message || 'reasoning' in message);

/** The messages without reasoning on assistant turns (the same array when none has any). */
function withoutReasoning(messages: ChatMessage[]): ChatMessage[] {
  if (!messages.some(carriesReasoning)) return messages;
  return messages.map((message) => {
    if (!carriesReasoning(message)) return message;
    const { reasoning_content: _content, reasoning: _reasoning, ...rest } = message as ChatMessage & { reasoning_content?: unknown; reasoning?: unknown };
    return rest as ChatMessage;
  });
}

/** The request as OpenAI's chat completions endpoint takes it: every field passed through, `params` as defaults. */
export function buildOpenAIChatRequest(request: ChatCompletionRequest, target: ProviderTarget, options: OpenAIRequestOptions): HttpRequestSpec {
  const fixed = fixedFor(target, options);
  if (options.dropReasoningFromHistory && Array.isArray(request.messages)) {
    const messages = withoutReasoning(request.messages);
    if (messages !== request.messages) request = { ...request, messages };
  }
  const body: Record<string, unknown> = fixed.params
    ? { ...fixed.params, ...request, model: target.providerModel }
    : { ...request, model: target.providerModel };
  if (request.stream && options.streamUsage) {
    body.stream_options = { include_usage: true, ...request.stream_options };
  }
  return {
    url: fixed.url,
    method: 'POST',
    headers: fixed.headers,
    body: JSON.stringify(body),
  };
}
