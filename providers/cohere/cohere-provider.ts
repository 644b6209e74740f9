import type { ProviderAdapter } from '../../src/provider-adapter.js';
import { cohereEmbedAdapter } from './cohere-embeddings.js';
import { buildCohereRequest } from './cohere-request.js';
import { parseCohereError } from './cohere-error.js';
import { parseCohereResponse } from './cohere-response.js';
import { createCohereStreamDecoder } from './cohere-stream.js';

/** Cohere's v2 chat API. The base URL includes the version (`…/v2`); the adapter adds `/chat`. */
export const cohereProvider: ProviderAdapter = {
  name: 'cohere',
  priceTableProvider: 'cohere',
  defaultBaseUrl: 'https://api.cohere.com/v2',
  apiKeyEnv: 'CO_API_KEY',
  apiKeyRequired: true,
  embed: cohereEmbedAdapter,
  chat: {
    kind: 'http',
    buildRequest: buildCohereRequest,
    parseResponse: parseCohereResponse,
    createStreamDecoder: createCohereStreamDecoder,
    parseError: parseCohereError,
  },
};
