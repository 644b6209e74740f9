import type { ProviderAdapter } from '../../src/provider-adapter.js';
import { parseAnthropicError } from './anthropic-error.js';
import { buildAnthropicRequest } from './anthropic-request.js';
import { parseAnthropicResponse } from './anthropic-response.js';
import { createAnthropicStreamDecoder } from './anthropic-stream.js';

/** Anthropic's Messages API. Base URL as the official SDK: `https://api.anthropic.com`; the adapter adds `/v1/messages`. */
export const anthropicProvider: ProviderAdapter = {
  name: 'anthropic',
  priceTableProvider: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  apiKeyEnv: 'ANTHROPIC_API_KEY',
  apiKeyRequired: true,
  chat: {
    kind: 'http',
    buildRequest: buildAnthropicRequest,
    parseResponse: parseAnthropicResponse,
    createStreamDecoder: createAnthropicStreamDecoder,
    parseError: parseAnthropicError,
  },
};
