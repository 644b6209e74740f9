import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import { completionOf, usageWithCache } from '../shared/chat-content.js';
import type { ChatCompletion, CompletionUsage, FinishReason, ToolCall } from '../../src/types/chat.js';

export interface ConverseUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

interface ConverseResponse {
  output?: { message?: { content?: Array<{ text?: string; toolUse?: { toolUseId: string; name: string; input?: unknown } }> } };
  stopReason?: string;
  usage?: ConverseUsage;
}

export function mapBedrockStopReason(reason: string | undefined): FinishReason | null {
  switch (reason) {
    case undefined:
      return null;
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export function mapBedrockUsage(usage: ConverseUsage | undefined): CompletionUsage | undefined {
  return usage ? usageWithCache(usage.inputTokens ?? 0, usage.outputTokens ?? 0, usage.cacheReadInputTokens ?? 0, usage.cacheWriteInputTokens ?? 0) : undefined;
}

export function parseBedrockResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  const response = body as ConverseResponse;
  const content = response?.output?.message?.content;
  if (!Array.isArray(content)) {
    throw malformedAnswer(target, `answered 200 with no message`);
  }
  let text = '';
  const calls: ToolCall[] = [];
  for (const block of content) {
    if (block.text) text += block.text;
    if (block.toolUse)
      calls.push({
        id: block.toolUse.toolUseId,
        type: 'function',
        function: { name: block.toolUse.name, arguments: JSON.stringify(block.toolUse.input ?? {}) },
      });
  }
  return completionOf({
    id: `bedrock-${Date.now()}`,
    model: target.providerModel,
    text,
    toolCalls: calls,
    finishReason: mapBedrockStopReason(response.stopReason),
    usage: mapBedrockUsage(response.usage),
  });
}
