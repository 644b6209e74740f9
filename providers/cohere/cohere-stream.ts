import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget, SseEvent, StreamDecoder } from '../../src/provider-adapter.js';
import type { ChatCompletionChunkChoice, CompletionUsage } from '../../src/types/chat.js';
import { chunkOf, stringOr } from '../shared/chat-content.js';
import { cohereStreamError } from './cohere-error.js';
import { mapCohereFinishReason, mapCohereUsage, type CohereUsage } from './cohere-response.js';

interface CohereStreamEvent {
  type: string;
  id?: string;
  index?: number;
  /** As sent: text, thinking, the plan and tool-call fields are read through `stringOr` (another type adds nothing to a text). */
  delta?: {
    message?: {
      content?: { text?: unknown; thinking?: unknown };
      tool_plan?: unknown;
      tool_calls?: { id?: unknown; type?: 'function'; function?: { name?: unknown; arguments?: unknown } };
    };
    finish_reason?: string;
    usage?: CohereUsage;
    error?: string;
  };
}

const NOTHING = { chunks: [], done: false };

/** Cohere v2's stream (`message-start` … `message-end`) as OpenAI chunks: text as content, thinking as reasoning_content, the tool plan as content. */
export function createCohereStreamDecoder(target: ProviderTarget): StreamDecoder {
  let id = '';
  /** Tool calls by index, and whether any argument text has come for each. */
  const hasArguments = new Map<number, boolean>();
  const chunk = (choice: Omit<ChatCompletionChunkChoice, 'index'>, usage?: CompletionUsage) => chunkOf(id, target.providerModel, choice, usage);
  /** A tool call that ended with no argument text (`tool-call-start` with `""`, no delta) has no arguments: `{}`, as OpenAI gives it. */
  const closeTool = (index: number | undefined) => {
    if (index === undefined || hasArguments.get(index) !== false) return [];
    hasArguments.set(index, true);
    return [chunk({ delta: { tool_calls: [{ index, function: { arguments: '{}' } }] }, finish_reason: null })];
  };
  return {
    decode(event: SseEvent) {
      let data: CohereStreamEvent;
      try {
        data = JSON.parse(event.data) as CohereStreamEvent;
      } catch {
        throw malformedAnswer(target, `sent a malformed stream event: ${event.data.slice(0, 200)}`);
      }
      const message = data.delta?.message;
      switch (data.type) {
        case 'message-start':
          id = data.id ?? id;
          return { chunks: [chunk({ delta: { role: 'assistant', content: '' }, finish_reason: null })], done: false };
        case 'content-delta': {
          const text = stringOr(message?.content?.text);
          if (text) return { chunks: [chunk({ delta: { content: text }, finish_reason: null })], done: false };
          const thinking = stringOr(message?.content?.thinking);
          if (thinking) return { chunks: [chunk({ delta: { reasoning_content: thinking }, finish_reason: null })], done: false };
          return NOTHING;
        }
        case 'tool-plan-delta': {
          // The plan is the text beside the tool calls, as the whole answer gives it.
          const plan = stringOr(message?.tool_plan);
          return plan ? { chunks: [chunk({ delta: { content: plan }, finish_reason: null })], done: false } : NOTHING;
        }
        case 'tool-call-start':
        case 'tool-call-delta': {
          const call = message?.tool_calls;
          if (!call || data.index === undefined) return NOTHING;
          const argumentText = stringOr(call.function?.arguments);
          if (argumentText) hasArguments.set(data.index, true);
          else if (!hasArguments.has(data.index)) hasArguments.set(data.index, false);
          const delta =
            data.type === 'tool-call-start'
              ? {
                  index: data.index,
                  id: stringOr(call.id),
                  type: 'function' as const,
                  function: { name: stringOr(call.function?.name), arguments: argumentText },
                }
              : { index: data.index, function: { arguments: argumentText } };
          return { chunks: [chunk({ delta: { tool_calls: [delta] }, finish_reason: null })], done: false };
        }
        case 'tool-call-end':
          return { chunks: closeTool(data.index), done: false };
        case 'message-end':
          if (data.delta?.error) throw cohereStreamError(event.data, data.delta.error, target);
          return {
            chunks: [
              ...[...hasArguments.keys()].flatMap(closeTool),
              chunk({ delta: {}, finish_reason: mapCohereFinishReason(data.delta?.finish_reason) ?? 'stop' }, mapCohereUsage(data.delta?.usage)),
            ],
            done: true,
          };
        default:
          return NOTHING;
      }
    },
  };
}
