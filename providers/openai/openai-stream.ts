import { malformedAnswer, type RouterError } from '../../src/errors/index.js';
import type { ProviderTarget, SseEvent, StreamDecoder } from '../../src/provider-adapter.js';
import type { ChatCompletionChunk } from '../../src/types/chat.js';
import { OpenAIChunkNormaliser } from '../shared/openai-shape.js';
import { parseOpenAIError } from './openai-error.js';

const DONE = { chunks: [], done: true };
const NOTHING = { chunks: [], done: false };

function malformed(target: ProviderTarget, detail: string): RouterError {
  return malformedAnswer(target, `sent a malformed stream event: ${detail}`);
}

/**
 * OpenAI's SSE stream: one chunk per `data:` line, `[DONE]` at the end, `{ error }` for an in-band
 * failure. Each chunk is normalised (see `openai-shape.ts`); one that carries nothing is skipped.
 */
export function createOpenAIStreamDecoder(target: ProviderTarget): StreamDecoder {
  const normaliser = new OpenAIChunkNormaliser();
  return {
    decode(event: SseEvent) {
      if (event.data === '[DONE]') return DONE;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        throw malformed(target, event.data.slice(0, 200));
      }
      if (!parsed || typeof parsed !== 'object') throw malformed(target, event.data.slice(0, 200));
      if ('error' in parsed && (parsed as { error?: unknown }).error) {
        const status = Number((parsed as { error: { code?: unknown } }).error.code);
        throw parseOpenAIError(Number.isInteger(status) && status >= 400 ? status : 500, event.data, {}, target);
      }
      if (!Array.isArray((parsed as { choices?: unknown }).choices)) throw malformed(target, event.data.slice(0, 200));
      const chunk = normaliser.normalise(parsed as ChatCompletionChunk);
      return chunk ? { chunks: [chunk], done: false } : NOTHING;
    },
  };
}
