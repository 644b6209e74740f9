import { openAIFinishReason, ToolCallAssembler, usageOf, type ExpectedAnswer, type ExpectedUsage } from './expected-answer.js';

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

interface Block {
  type: string;
  text?: string;
  thinking?: string;
  name?: string;
  input?: unknown;
}

interface StreamEvent {
  type: string;
  index?: number;
  message?: { usage?: AnthropicUsage };
  content_block?: Block;
  delta?: { type?: string; text?: string; thinking?: string; partial_json?: string; stop_reason?: string };
  usage?: AnthropicUsage;
}

/** Anthropic counts cache reads and writes beside `input_tokens`; the prompt is all three. */
function anthropicUsage(usage: AnthropicUsage): ExpectedUsage {
  const cached = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  return usageOf({ prompt: (usage.input_tokens ?? 0) + cached + cacheWrite, completion: usage.output_tokens ?? 0, cached, cacheWrite });
}

/**
 * A Messages answer: `text` blocks are the text (citations ride on them), `tool_use` blocks
 * the tool calls; thinking and server tools (`server_tool_use`, `*_tool_result`, which
 * Anthropic runs itself) are neither.
 */
export function expectedAnthropicAnswer(body: { content: Block[]; stop_reason: string; usage: AnthropicUsage }): ExpectedAnswer {
  const calls = new ToolCallAssembler();
  for (const [index, block] of body.content.entries()) {
    if (block.type === 'tool_use') calls.add(index, { name: block.name, args: JSON.stringify(block.input ?? {}) });
  }
  return {
    text: body.content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join(''),
    reasoning: body.content.map((block) => (block.type === 'thinking' ? (block.thinking ?? '') : '')).join(''),
    toolCalls: calls.result(),
    finishReason: openAIFinishReason(body.stop_reason),
    usage: anthropicUsage(body.usage),
  };
}

/** A Messages stream: text deltas, `tool_use` blocks with their `input_json_delta` fragments, the stop reason and the usage `message_delta` revises. */
export function expectedAnthropicStream(events: readonly StreamEvent[]): ExpectedAnswer {
  let text = '';
  let reasoning = '';
  let stopReason: string | undefined;
  let usage: AnthropicUsage = {};
  const toolBlocks = new Set<number>();
  const calls = new ToolCallAssembler();
  for (const event of events) {
    if (event.type === 'message_start') usage = { ...event.message?.usage };
    if (event.type === 'content_block_start' && event.content_block?.type === 'tool_use' && event.index !== undefined) {
      toolBlocks.add(event.index);
      calls.add(event.index, { name: event.content_block.name });
    }
    if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta') text += event.delta.text ?? '';
    if (event.type === 'content_block_delta' && event.delta?.type === 'thinking_delta') reasoning += event.delta.thinking ?? '';
    if (event.type === 'content_block_delta' && event.delta?.type === 'input_json_delta' && toolBlocks.has(event.index ?? -1)) {
      calls.add(event.index, { args: event.delta.partial_json });
    }
    if (event.type === 'message_delta') {
      stopReason = event.delta?.stop_reason ?? stopReason;
      usage = { ...usage, ...event.usage };
    }
  }
  return { text, reasoning, toolCalls: calls.result(), finishReason: openAIFinishReason(stopReason), usage: anthropicUsage(usage) };
}
