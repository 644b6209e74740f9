import type { ProviderAdapter } from '../../src/provider-adapter.js';
import { geminiEmbedAdapter } from './gemini-embeddings.js';
import { parseGeminiError } from './gemini-error.js';
import { buildGeminiRequest } from './gemini-request.js';
import { parseGeminiResponse } from './gemini-response.js';
import { createGeminiStreamDecoder } from './gemini-stream.js';

/** Google AI Studio's Gemini API. The base URL includes the version (`…/v1beta`); the adapter adds `/models/{model}:generateContent`. */
export const geminiProvider: ProviderAdapter = {
  name: 'gemini',
  priceTableProvider: 'google',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  apiKeyEnv: 'GEMINI_API_KEY',
  apiKeyRequired: true,
  embed: geminiEmbedAdapter,
  chat: {
    kind: 'http',
    buildRequest: buildGeminiRequest,
    parseResponse: parseGeminiResponse,
    createStreamDecoder: createGeminiStreamDecoder,
    parseError: parseGeminiError,
  },
};
