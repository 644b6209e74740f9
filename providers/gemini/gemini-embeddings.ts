import { malformedAnswer } from '../../src/errors/index.js';
import type { HttpEmbedAdapter } from '../../src/provider-adapter.js';
import { estimateTextTokens } from '../../src/tokens/estimate-tokens.js';
import type { EmbeddingResponse } from '../../src/types/embedding.js';
import { endpointUrl } from '../shared/endpoint-url.js';

const textsOf = (input: unknown): string[] => (Array.isArray(input) ? input : [input]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));

/** `batchEmbedContents`: one request for all inputs. Usage is Gemini's `usageMetadata.promptTokenCount` where it sends one, else an estimate. */
export const geminiEmbedAdapter: HttpEmbedAdapter = {
  kind: 'http',
  buildRequest(request, target) {
    const model = `models/${target.providerModel}`;
    const requests = textsOf(request.input).map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(request.dimensions ? { outputDimensionality: request.dimensions } : {}),
    }));
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (target.apiKey) headers['x-goog-api-key'] = target.apiKey;
    return {
      url: endpointUrl(target.baseUrl, `/${model}:batchEmbedContents`),
      method: 'POST',
      headers: { ...headers, ...target.headers },
      body: JSON.stringify({ requests }),
    };
  },
  parseResponse(body, request, target): EmbeddingResponse {
    const answer = body as { embeddings?: Array<{ values?: number[] }>; usageMetadata?: { promptTokenCount?: unknown } } | undefined;
    const embeddings = answer?.embeddings;
    if (!Array.isArray(embeddings)) {
      throw malformedAnswer(target, `answered 200 with no embeddings`);
    }
    const counted = answer?.usageMetadata?.promptTokenCount;
    const tokens = typeof counted === 'number' ? counted : textsOf(request.input).reduce((sum, text) => sum + estimateTextTokens(text), 0);
    return {
      object: 'list',
      data: embeddings.map((e, index) => ({ object: 'embedding', index, embedding: e.values ?? [] })),
      model: target.providerModel,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },
};
