import { malformedAnswer } from '../../src/errors/index.js';
import type { HttpEmbedAdapter } from '../../src/provider-adapter.js';
import type { EmbeddingResponse } from '../../src/types/embedding.js';
import { endpointUrl } from '../shared/endpoint-url.js';

/** v2 `/embed`. `params.inputType` (default `search_document`) says what the texts are for, as Cohere's v3+ models require. */
export const cohereEmbedAdapter: HttpEmbedAdapter = {
  kind: 'http',
  buildRequest(request, target) {
    const texts = (Array.isArray(request.input) ? request.input : [request.input]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
    const inputType = typeof target.params?.inputType === 'string' ? target.params.inputType : 'search_document';
    const body = {
      model: target.providerModel,
      texts,
      input_type: inputType,
      embedding_types: ['float'],
      ...(request.dimensions ? { output_dimension: request.dimensions } : {}),
    };
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    return { url: endpointUrl(target.baseUrl, '/embed'), method: 'POST', headers: { ...headers, ...target.headers }, body: JSON.stringify(body) };
  },
  parseResponse(body, _request, target): EmbeddingResponse {
    const response = body as { embeddings?: { float?: number[][] }; meta?: { billed_units?: { input_tokens?: number } } };
    const vectors = response?.embeddings?.float;
    if (!Array.isArray(vectors)) {
      throw malformedAnswer(target, `answered 200 with no embeddings`);
    }
    const tokens = response.meta?.billed_units?.input_tokens ?? 0;
    return {
      object: 'list',
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      model: target.providerModel,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },
};
