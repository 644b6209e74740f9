import { malformedAnswer } from '../../src/errors/index.js';
import type { HttpEmbedAdapter } from '../../src/provider-adapter.js';
import type { EmbeddingResponse } from '../../src/types/embedding.js';
import { fixedFor, type OpenAIRequestOptions } from './openai-request.js';

/** OpenAI's `/embeddings`, for every provider that speaks its format. */
export function openAIEmbedAdapter(options: OpenAIRequestOptions): HttpEmbedAdapter {
  return {
    kind: 'http',
    buildRequest(request, target) {
      const fixed = fixedFor(target, options);
      return {
        url: fixed.embeddingsUrl,
        method: 'POST',
        headers: fixed.headers,
        body: JSON.stringify({ ...fixed.params, ...request, model: target.providerModel }),
      };
    },
    parseResponse(body, _request, target): EmbeddingResponse {
      const response = body as EmbeddingResponse;
      if (!response || !Array.isArray(response.data)) {
        throw malformedAnswer(target, `answered 200 with no embeddings`);
      }
      return {
        object: 'list',
        data: response.data,
        model: response.model ?? target.providerModel,
        usage: response.usage ?? { prompt_tokens: 0, total_tokens: 0 },
      };
    },
  };
}
