import { BadRequestError, malformedAnswer } from '../../src/errors/index.js';
import type { HttpEmbedAdapter, ProviderTarget } from '../../src/provider-adapter.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../../src/types/embedding.js';
import { endpointUrl } from '../shared/endpoint-url.js';

const isCohere = (target: ProviderTarget) => /cohere\.embed/.test(target.providerModel);
const textsOf = (request: EmbeddingRequest) =>
  (Array.isArray(request.input) ? request.input : [request.input]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));

/**
 * InvokeModel with the model's own body: Cohere embed models take many texts; Titan
 * embeddings take one text per request (send several one by one).
 */
export const bedrockEmbedAdapter: HttpEmbedAdapter = {
  kind: 'http',
  buildRequest(request, target) {
    const texts = textsOf(request);
    let body: Record<string, unknown>;
    if (isCohere(target)) {
      body = { texts, input_type: typeof target.params?.inputType === 'string' ? target.params.inputType : 'search_document' };
    } else {
      if (texts.length !== 1) {
        throw new BadRequestError(`Titan embeddings take one input per request (${target.deploymentId}); send ${texts.length} requests`, {
          provider: target.provider,
          deploymentId: target.deploymentId,
        });
      }
      body = { inputText: texts[0], ...(request.dimensions ? { dimensions: request.dimensions } : {}) };
    }
    return {
      url: endpointUrl(target.baseUrl, `/model/${encodeURIComponent(target.providerModel)}/invoke`),
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...target.headers },
      body: JSON.stringify(body),
    };
  },
  parseResponse(body, _request, target): EmbeddingResponse {
    const response = body as { embedding?: number[]; inputTextTokenCount?: number; embeddings?: number[][] | { float?: number[][] } };
    const vectors = response?.embedding ? [response.embedding] : Array.isArray(response?.embeddings) ? response.embeddings : response?.embeddings?.float;
    if (!Array.isArray(vectors)) {
      throw malformedAnswer(target, `answered 200 with no embeddings`);
    }
    const tokens = response.inputTextTokenCount ?? 0;
    return {
      object: 'list',
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      model: target.providerModel,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },
};
