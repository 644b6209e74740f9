import { malformedAnswer } from '../../src/errors/index.js';
import { completionOf, stringOr, toolArguments } from '../shared/chat-content.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletion, CompletionUsage, FinishReason, ToolCall } from '../../src/types/chat.js';

export interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
}

/** As sent: text, thinking, the plan and tool-call fields are read through `stringOr` (another type adds nothing to a text). */
interface CohereResponse {
  id: string;
  finish_reason?: string;
  message?: {
    content?: Array<{ type: string; text?: unknown; thinking?: unknown } | null>;
    tool_calls?: Array<{ id?: unknown; type?: unknown; function?: { name?: unknown; arguments?: unknown } } | null>;
    tool_plan?: unknown;
  };
  usage?: CohereUsage;
}

export function mapCohereFinishReason(reason: string | undefined): FinishReason | null {
  switch (reason) {
    case undefined:
      return null;
    case 'MAX_TOKENS':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    default:
      return 'stop';
  }
}

/**
 * Billed units are what the price applies to; `tokens` (with the prompt template) where billing is absent. Cohere's
 * `cached_tokens` counts against `tokens`, not the billed units (it can exceed them), so it is not reported as cached prompt tokens.
 */
export function mapCohereUsage(usage: CohereUsage | undefined): CompletionUsage | undefined {
  const counts = usage?.billed_units ?? usage?.tokens;
  if (!counts) return undefined;
  const prompt = counts.input_tokens ?? 0;
  const completion = counts.output_tokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function parseCohereResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  const response = body as CohereResponse;
  if (!response || typeof response !== 'object' || !response.message) {
    throw malformedAnswer(target, `answered 200 with no message`);
  }
  const parts = Array.isArray(response.message.content) ? response.message.content : [];
  const text = parts.map((part) => (part?.type === 'text' ? stringOr(part.text) : '')).join('');
  const reasoning = parts.map((part) => (part?.type === 'thinking' ? stringOr(part.thinking) : '')).join('');
  // A call without arguments comes as `"null"` (or `""`): `"{}"`, as OpenAI gives it.
  const sentCalls = Array.isArray(response.message.tool_calls) ? response.message.tool_calls : [];
  const calls: ToolCall[] = sentCalls.map((call) => ({
    ...call,
    id: stringOr(call?.id),
    type: 'function',
    function: { ...call?.function, name: stringOr(call?.function?.name), arguments: toolArguments(call?.function?.arguments) },
  }));
  return completionOf({
    id: response.id,
    model: target.providerModel,
    // With tool calls, Cohere's plan is the text OpenAI would put beside them.
    text: text || (calls.length > 0 ? stringOr(response.message.tool_plan) : ''),
    reasoning,
    toolCalls: calls,
    finishReason: mapCohereFinishReason(response.finish_reason),
    usage: mapCohereUsage(response.usage),
  });
}
