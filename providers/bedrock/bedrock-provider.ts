import type { ProviderAdapter } from '../../src/provider-adapter.js';
import { bedrockEmbedAdapter } from './bedrock-embeddings.js';
import { bedrockBaseUrl, loadSigV4, signBedrockRequest } from './bedrock-auth.js';
import { buildBedrockRequest } from './bedrock-request.js';
import { parseBedrockError } from './bedrock-error.js';
import { parseBedrockResponse } from './bedrock-response.js';
import { createBedrockStreamDecoder } from './bedrock-stream.js';

/**
 * Amazon Bedrock's Converse and ConverseStream APIs, signed with SigV4 (or a Bedrock API
 * key as bearer token). Base URL `https://bedrock-runtime.<region>.amazonaws.com`, the
 * region from `params.region` or `AWS_REGION`.
 */
export const bedrockProvider: ProviderAdapter = {
  name: 'bedrock',
  priceTableProvider: 'aws',
  defaultBaseUrlFor: bedrockBaseUrl,
  apiKeyEnv: 'AWS_BEARER_TOKEN_BEDROCK',
  apiKeyRequired: false,
  embed: bedrockEmbedAdapter,
  preload: async () => {
    await loadSigV4();
  },
  chat: {
    kind: 'http',
    buildRequest: buildBedrockRequest,
    parseResponse: parseBedrockResponse,
    createStreamDecoder: createBedrockStreamDecoder,
    parseError: parseBedrockError,
    prepare: (spec, target) => signBedrockRequest(spec, target),
    streamFraming: 'aws-eventstream',
  },
};
