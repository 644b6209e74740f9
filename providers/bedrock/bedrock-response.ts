import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import { completionOf, stringOr, usageWithCache } from '../shared/chat-content.js';
import type { ChatCompletion, CompletionUsage, FinishReason, ToolCall } from '../../src/types/chat.js';

export interface ConverseUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  /** Older names of the two above, still sent beside them. */
  cacheReadInputTokenCount?: number;
  cacheWriteInputTokenCount?: number;
}

/** As sent: text fields, and a call's name and id, are read through `stringOr` (another type adds nothing to a text). */
interface ConverseContentBlock {
  text?: unknown;
  toolUse?: { toolUseId?: unknown; name?: unknown; input?: unknown };
  /** Thinking: its text (with a signature), or `redactedContent` (encrypted, left out). */
  reasoningContent?: { reasoningText?: { text?: unknown; signature?: string }; redactedContent?: string };
  /** Text written with citations: the text is kept, the citations are left out. */
  citationsContent?: { content?: Array<{ text?: unknown }>; citations?: unknown[] };
}

interface ConverseResponse {
  output?: { message?: { content?: ConverseContentBlock[] } };
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

/** Converse counts cache reads and writes apart from `inputTokens` (OpenAI's prompt tokens include them); reasoning is inside `outputTokens`. */
export function mapBedrockUsage(usage: ConverseUsage | undefined): CompletionUsage | undefined {
  if (!usage) return undefined;
  const cacheRead = usage.cacheReadInputTokens ?? usage.cacheReadInputTokenCount ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? usage.cacheWriteInputTokenCount ?? 0;
  return usageWithCache(usage.inputTokens ?? 0, usage.outputTokens ?? 0, cacheRead, cacheWrite);
}

export function parseBedrockResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  const response = body as ConverseResponse;
  const content = response?.output?.message?.content;
  if (!Array.isArray(content)) {
    throw malformedAnswer(target, `answered 200 with no message`);
  }
  let text = '';
  let reasoning = '';
  const calls: ToolCall[] = [];
  for (const block of content as Array<ConverseContentBlock | null>) {
    if (!block) continue;
    text += stringOr(block.text);
    const cited = block.citationsContent?.content;
    if (Array.isArray(cited)) for (const part of cited) text += stringOr(part?.text);
    reasoning += stringOr(block.reasoningContent?.reasoningText?.text);
    if (block.toolUse)
      calls.push({
        id: stringOr(block.toolUse.toolUseId),
        type: 'function',
        function: { name: stringOr(block.toolUse.name), arguments: JSON.stringify(block.toolUse.input ?? {}) },
      });
  }
  return completionOf({
    id: `bedrock-${Date.now()}`,
    model: target.providerModel,
    text,
    reasoning,
    toolCalls: calls,
    finishReason: mapBedrockStopReason(response.stopReason),
    usage: mapBedrockUsage(response.usage),
  });
}
