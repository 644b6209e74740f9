import type { HttpChatAdapter, ProviderAdapter } from '../../src/provider-adapter.js';
import { parseOpenAIError } from './openai-error.js';
import { buildOpenAIChatRequest, type OpenAIRequestOptions } from './openai-request.js';
import { parseOpenAIChatResponse } from './openai-response.js';
import { openAIEmbedAdapter } from './openai-embeddings.js';
import { createOpenAIStreamDecoder } from './openai-stream.js';

export function openAIChatAdapter(options: OpenAIRequestOptions): HttpChatAdapter {
  return {
    kind: 'http',
    buildRequest: (request, target) => buildOpenAIChatRequest(request, target, options),
    parseResponse: parseOpenAIChatResponse,
    createStreamDecoder: createOpenAIStreamDecoder,
    parseError: parseOpenAIError,
  };
}

export const openAIProvider: ProviderAdapter = {
  name: 'openai',
  priceTableProvider: 'openai',
  defaultBaseUrl: 'https://api.openai.com/v1',
  apiKeyEnv: 'OPENAI_API_KEY',
  apiKeyRequired: true,
  chat: openAIChatAdapter({ streamUsage: true, dropReasoningFromHistory: true }),
  embed: openAIEmbedAdapter({ streamUsage: true }),
};
