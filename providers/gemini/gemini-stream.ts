import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget, SseEvent, StreamDecoder } from '../../src/provider-adapter.js';
import type { ChatCompletionChunk } from '../../src/types/chat.js';
import { parseGeminiError } from './gemini-error.js';
import { blockedPrompt, candidateParts, mapGeminiFinishReason, mapGeminiUsage, toolCallDeltas, type GeminiResponse } from './gemini-response.js';

/**
 * Gemini's SSE stream: each event a partial response; text parts become content, thought parts reasoning_content, function
 * calls complete tool calls, the last event carries the finish reason and usage.
 */
export function createGeminiStreamDecoder(target: ProviderTarget): StreamDecoder {
  let started = false;
  let calls = 0;
  return {
    decode(event: SseEvent) {
      let response: GeminiResponse & { error?: unknown };
      try {
        response = JSON.parse(event.data) as GeminiResponse & { error?: unknown };
      } catch {
        throw malformedAnswer(target, `sent a malformed stream event: ${event.data.slice(0, 200)}`);
      }
      if (response.error) throw parseGeminiError(500, event.data, {}, target);
      const blocked = blockedPrompt(response, target);
      if (blocked) throw blocked;
      const base = {
        id: response.responseId ?? 'gemini-stream',
        object: 'chat.completion.chunk' as const,
        created: Math.floor(Date.now() / 1000),
        model: response.modelVersion ?? target.providerModel,
      };
      const chunks: ChatCompletionChunk[] = [];
      if (!started) {
        started = true;
        chunks.push({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
      }
      const { text, reasoning, calls: newCalls } = candidateParts(response, calls);
      if (reasoning) chunks.push({ ...base, choices: [{ index: 0, delta: { reasoning_content: reasoning }, finish_reason: null }] });
      if (text) chunks.push({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
      if (newCalls.length > 0) {
        chunks.push({ ...base, choices: [{ index: 0, delta: { tool_calls: toolCallDeltas(newCalls, calls) }, finish_reason: null }] });
        calls += newCalls.length;
      }
      const reason = response.candidates?.[0]?.finishReason;
      if (reason) {
        chunks.push({
          ...base,
          choices: [{ index: 0, delta: {}, finish_reason: mapGeminiFinishReason(reason, calls > 0) }],
          usage: mapGeminiUsage(response.usageMetadata) ?? null,
        });
        return { chunks, done: true };
      }
      return { chunks, done: false };
    },
  };
}
