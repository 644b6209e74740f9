import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget, SseEvent, StreamDecoder } from '../../src/provider-adapter.js';
import type { ChatCompletionChunkChoice, CompletionUsage } from '../../src/types/chat.js';
import { BlockToolCalls, chunkOf, stringOr } from '../shared/chat-content.js';
import type { AnthropicUsage } from './anthropic-api-types.js';
import { parseAnthropicError } from './anthropic-error.js';
import { mapAnthropicStopReason, mapAnthropicUsage } from './anthropic-response.js';

interface StreamEvent {
  type: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsage };
  /** As sent: fields are read through `stringOr`, so one of another type than promised adds nothing to a text. */
  content_block?: { type: string; id?: unknown; name?: unknown };
  delta?: { type?: string; text?: unknown; thinking?: unknown; partial_json?: unknown; stop_reason?: string | null };
  usage?: AnthropicUsage;
}

const NOTHING = { chunks: [], done: false };
const DONE = { chunks: [], done: true };

/**
 * Anthropic's stream (`message_start` … `message_stop`) as OpenAI chunks: text deltas as
 * content, thinking deltas as reasoning_content (signatures, redacted thinking and server tool
 * blocks left out), tool_use blocks as tool_calls whose arguments arrive as JSON fragments, and the
 * finish reason with the usage of the whole message at `message_delta`.
 */
export function createAnthropicStreamDecoder(target: ProviderTarget): StreamDecoder {
  let id = '';
  let model = target.providerModel;
  let usage: AnthropicUsage = {};
  const chunk = (choice: Omit<ChatCompletionChunkChoice, 'index'>, extra: { usage?: CompletionUsage } = {}) => chunkOf(id, model, choice, extra.usage);
  /** Client tool_use blocks; one that ends with no argument text (or only `""`) is a call without arguments. */
  const tools = new BlockToolCalls((call) => chunk({ delta: { tool_calls: [call] }, finish_reason: null }));

  return {
    decode(event: SseEvent) {
      let data: StreamEvent;
      try {
        data = JSON.parse(event.data) as StreamEvent;
      } catch {
        throw malformedAnswer(target, `sent a malformed stream event: ${event.data.slice(0, 200)}`);
      }
      switch (data.type) {
        case 'message_start':
          id = data.message?.id ?? id;
          model = data.message?.model ?? model;
          usage = { ...data.message?.usage };
          return { chunks: [chunk({ delta: { role: 'assistant', content: '' }, finish_reason: null })], done: false };
        case 'content_block_start': {
          const block = data.content_block;
          if (block?.type !== 'tool_use' || data.index === undefined) return NOTHING;
          const toolIndex = tools.start(data.index);
          const call = { index: toolIndex, id: stringOr(block.id), type: 'function' as const, function: { name: stringOr(block.name), arguments: '' } };
          return { chunks: [chunk({ delta: { tool_calls: [call] }, finish_reason: null })], done: false };
        }
        case 'content_block_delta': {
          const delta = data.delta;
          const text = stringOr(delta?.type === 'text_delta' ? delta.text : undefined);
          if (text) return { chunks: [chunk({ delta: { content: text }, finish_reason: null })], done: false };
          const thinking = stringOr(delta?.type === 'thinking_delta' ? delta.thinking : undefined);
          if (thinking) return { chunks: [chunk({ delta: { reasoning_content: thinking }, finish_reason: null })], done: false };
          const fragment = stringOr(delta?.type === 'input_json_delta' ? delta.partial_json : undefined);
          const toolIndex = fragment ? tools.withArguments(data.index) : undefined;
          if (toolIndex !== undefined) {
            return {
              chunks: [chunk({ delta: { tool_calls: [{ index: toolIndex, function: { arguments: fragment } }] }, finish_reason: null })],
              done: false,
            };
          }
          return NOTHING;
        }
        case 'content_block_stop':
          return { chunks: tools.close(data.index), done: false };
        case 'message_delta':
          usage = { ...usage, ...data.usage };
          return {
            chunks: [
              ...tools.closeAll(),
              chunk({ delta: {}, finish_reason: mapAnthropicStopReason(data.delta?.stop_reason) ?? 'stop' }, { usage: mapAnthropicUsage(usage) }),
            ],
            done: false,
          };
        case 'message_stop':
          return DONE;
        case 'error':
          throw parseAnthropicError(529, event.data, {}, target);
        default:
          return NOTHING;
      }
    },
  };
}
