import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletion, CompletionUsage, FinishReason, ToolCall } from '../../src/types/chat.js';
import { completionOf, stringOr, usageWithCache } from '../shared/chat-content.js';
import type { AnthropicResponse, AnthropicUsage } from './anthropic-api-types.js';

export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** Anthropic counts cache writes and reads apart from `input_tokens`; OpenAI's prompt tokens include them. Thinking is inside `output_tokens`. */
export function mapAnthropicUsage(usage: AnthropicUsage): CompletionUsage {
  return usageWithCache(
    usage.input_tokens ?? 0,
    usage.output_tokens ?? 0,
    usage.cache_read_input_tokens ?? 0,
    usage.cache_creation_input_tokens ?? 0,
    usage.output_tokens_details?.thinking_tokens ?? 0,
  );
}

export function parseAnthropicResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  const message = body as AnthropicResponse;
  if (!message || typeof message !== 'object' || !Array.isArray(message.content)) {
    throw malformedAnswer(target, `answered 200 with no content`);
  }
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  // Thinking is reasoning_content (redacted thinking, encrypted, is left out). Server tools (server_tool_use, web_search_tool_result,
  // code execution results) ran at Anthropic: they are not calls for the client to make, and only the text written from them is kept.
  // Only strings are text: a field of another type adds nothing.
  for (const block of message.content) {
    if (block?.type === 'text') text += stringOr(block.text);
    else if (block?.type === 'thinking') reasoning += stringOr(block.thinking);
    else if (block?.type === 'tool_use') {
      toolCalls.push({ id: stringOr(block.id), type: 'function', function: { name: stringOr(block.name), arguments: JSON.stringify(block.input ?? {}) } });
    }
  }
  return completionOf({
    id: message.id,
    model: message.model,
    text,
    reasoning,
    toolCalls,
    finishReason: mapAnthropicStopReason(message.stop_reason),
    usage: mapAnthropicUsage(message.usage ?? {}),
  });
}
