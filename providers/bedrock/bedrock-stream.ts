import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget, SseEvent, StreamDecoder } from '../../src/provider-adapter.js';
import type { ChatCompletionChunkChoice, CompletionUsage } from '../../src/types/chat.js';
import { BlockToolCalls, chunkOf, stringOr } from '../shared/chat-content.js';
import { bedrockStreamException } from './bedrock-error.js';
import { mapBedrockStopReason, mapBedrockUsage, type ConverseUsage } from './bedrock-response.js';

/** As sent: text, reasoning and input fragments, and a call's name and id, are read through `stringOr`. */
interface ConverseStreamEvent {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: unknown; name?: unknown } };
  delta?: {
    text?: unknown;
    toolUse?: { input?: unknown };
    reasoningContent?: { text?: unknown; signature?: string; redactedContent?: string };
    citation?: unknown;
  };
  stopReason?: string;
  usage?: ConverseUsage;
}

/**
 * ConverseStream's events (`messageStart`, `contentBlockStart/Delta/Stop`, `messageStop`,
 * `metadata`) as OpenAI chunks: text as content, reasoning text as reasoning_content (its
 * signature, redacted reasoning and citations left out), toolUse blocks as tool_calls. The finish reason arrives before the usage, so it is held
 * until `metadata` and both go out in the last chunk.
 */
export function createBedrockStreamDecoder(target: ProviderTarget): StreamDecoder {
  let finishReason: ChatCompletionChunkChoice['finish_reason'] = null;
  const chunk = (choice: Omit<ChatCompletionChunkChoice, 'index'>, usage?: CompletionUsage) => chunkOf('bedrock-stream', target.providerModel, choice, usage);
  /** toolUse blocks; one that ends with no input text is a call without arguments, `{}` as Converse gives it. */
  const tools = new BlockToolCalls((call) => chunk({ delta: { tool_calls: [call] }, finish_reason: null }));
  return {
    decode(event: SseEvent) {
      if (event.event?.startsWith('exception:')) throw bedrockStreamException(event.event.slice('exception:'.length), event.data, target);
      let data: ConverseStreamEvent;
      try {
        data = JSON.parse(event.data) as ConverseStreamEvent;
      } catch {
        throw malformedAnswer(target, `sent a malformed stream event`);
      }
      switch (event.event) {
        case 'messageStart':
          return { chunks: [chunk({ delta: { role: 'assistant', content: '' }, finish_reason: null })], done: false };
        case 'contentBlockStart': {
          const tool = data.start?.toolUse;
          if (!tool || data.contentBlockIndex === undefined) return { chunks: [], done: false };
          const index = tools.start(data.contentBlockIndex);
          return {
            chunks: [
              chunk({
                delta: { tool_calls: [{ index, id: stringOr(tool.toolUseId), type: 'function', function: { name: stringOr(tool.name), arguments: '' } }] },
                finish_reason: null,
              }),
            ],
            done: false,
          };
        }
        case 'contentBlockDelta': {
          const text = stringOr(data.delta?.text);
          if (text) return { chunks: [chunk({ delta: { content: text }, finish_reason: null })], done: false };
          const thinking = stringOr(data.delta?.reasoningContent?.text);
          if (thinking) return { chunks: [chunk({ delta: { reasoning_content: thinking }, finish_reason: null })], done: false };
          const fragment = stringOr(data.delta?.toolUse?.input);
          const index = fragment ? tools.withArguments(data.contentBlockIndex) : undefined;
          if (index !== undefined) {
            return {
              chunks: [chunk({ delta: { tool_calls: [{ index, function: { arguments: fragment } }] }, finish_reason: null })],
              done: false,
            };
          }
          return { chunks: [], done: false };
        }
        case 'contentBlockStop':
          return { chunks: tools.close(data.contentBlockIndex), done: false };
        case 'messageStop':
          finishReason = mapBedrockStopReason(data.stopReason) ?? 'stop';
          return { chunks: tools.closeAll(), done: false };
        case 'metadata':
          return { chunks: [chunk({ delta: {}, finish_reason: finishReason ?? 'stop' }, mapBedrockUsage(data.usage))], done: true };
        default:
          return { chunks: [], done: false };
      }
    },
  };
}
