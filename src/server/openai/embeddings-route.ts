import type { EmbeddingRequest } from '../../types/embedding.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route } from '../http/route-table.js';
import type { OpenAIContext } from './openai-context.js';
import { routedCall } from './routed-call.js';

function embed(context: OpenAIContext, request: GatewayRequest): Promise<void> {
  return routedCall(context, request, async (body, options, call) => {
    const answer = await context.router.embedding(body as unknown as EmbeddingRequest, options);
    request.requestId = call.requestId;
    request.sendJson(200, answer);
  });
}

/** `POST /v1/embeddings` (and without `/v1`). */
export function embeddingsRoute(context: OpenAIContext): Route {
  return { method: 'POST', path: '/embeddings', v1: true, access: 'caller', handle: (request) => embed(context, request) };
}
