import { malformedAnswer } from '../../src/errors/index.js';
import { completionOf, toolArguments } from '../shared/chat-content.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletion, CompletionUsage, FinishReason, ToolCall } from '../../src/types/chat.js';

export interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
}

interface CohereResponse {
  id: string;
  finish_reason?: string;
  message?: { content?: Array<{ type: string; text?: string; thinking?: string }>; tool_calls?: ToolCall[]; tool_plan?: string };
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
  const parts = response.message.content ?? [];
  const text = parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
  const reasoning = parts.map((part) => (part.type === 'thinking' ? (part.thinking ?? '') : '')).join('');
  // A call without arguments comes as `"null"` (or `""`): `"{}"`, as OpenAI gives it.
  const calls = (response.message.tool_calls ?? []).map((call) => ({
    ...call,
    function: { ...call.function, arguments: toolArguments(call.function.arguments) },
  }));
  return completionOf({
    id: response.id,
    model: target.providerModel,
    // With tool calls, Cohere's plan is the text OpenAI would put beside them.
    text: text || (calls.length > 0 ? (response.message.tool_plan ?? '') : ''),
    reasoning,
    toolCalls: calls,
    finishReason: mapCohereFinishReason(response.finish_reason),
    usage: mapCohereUsage(response.usage),
  });
}
