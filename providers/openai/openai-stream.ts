import { malformedAnswer, type RouterError } from '../../src/errors/index.js';
import type { ProviderTarget, SseEvent, StreamDecoder } from '../../src/provider-adapter.js';
import type { ChatCompletionChunk } from '../../src/types/chat.js';
import { parseOpenAIError } from './openai-error.js';

const DONE = { chunks: [], done: true };

function malformed(target: ProviderTarget, detail: string): RouterError {
  return malformedAnswer(target, `sent a malformed stream event: ${detail}`);
}

/** OpenAI's SSE stream: one chunk per `data:` line, `[DONE]` at the end, `{ error }` for an in-band failure. */
export function createOpenAIStreamDecoder(target: ProviderTarget): StreamDecoder {
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
      return { chunks: [parsed as ChatCompletionChunk], done: false };
    },
  };
}
