import type { Attributes } from '@opentelemetry/api';
import type { CallRequest } from '../../events/event-types.js';
import type { ChatCompletionRequest } from '../../types/chat.js';
import type { EmbeddingRequest } from '../../types/embedding.js';

const isChat = (request: CallRequest): request is ChatCompletionRequest => 'messages' in request;

/** `gen_ai.request.*` sampling settings and the asked output type, where the request sets them. */
export function requestAttributes(request: CallRequest, into: Attributes): void {
  if (!isChat(request)) {
    embeddingAttributes(request, into);
    return;
  }
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') into['gen_ai.request.max_tokens'] = maxTokens;
  if (typeof request.temperature === 'number') into['gen_ai.request.temperature'] = request.temperature;
  if (typeof request.top_p === 'number') into['gen_ai.request.top_p'] = request.top_p;
  if (typeof request.frequency_penalty === 'number') into['gen_ai.request.frequency_penalty'] = request.frequency_penalty;
  if (typeof request.presence_penalty === 'number') into['gen_ai.request.presence_penalty'] = request.presence_penalty;
  if (typeof request.seed === 'number') into['gen_ai.request.seed'] = request.seed;
  if (typeof request.n === 'number' && request.n !== 1) into['gen_ai.request.choice.count'] = request.n;
  const stop = request.stop;
  if (typeof stop === 'string') into['gen_ai.request.stop_sequences'] = [stop];
  else if (Array.isArray(stop)) into['gen_ai.request.stop_sequences'] = stop.filter((s) => typeof s === 'string');
  const format = request.response_format?.type;
  if (format !== undefined) into['gen_ai.output.type'] = format === 'text' ? 'text' : 'json';
}

function embeddingAttributes(request: EmbeddingRequest, into: Attributes): void {
  if (typeof request.encoding_format === 'string') into['gen_ai.request.encoding_formats'] = [request.encoding_format];
  if (typeof request.dimensions === 'number') into['gen_ai.embeddings.dimension.count'] = request.dimensions;
}
