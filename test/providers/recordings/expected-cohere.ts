import { argumentsOf, openAIFinishReason, ToolCallAssembler, usageOf, type ExpectedAnswer, type ExpectedUsage } from './expected-answer.js';

interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
}

interface RecordedCall {
  function?: { name?: string; arguments?: string };
}

interface StreamEvent {
  type: string;
  index?: number;
  delta?: {
    message?: { content?: { text?: string; thinking?: string }; tool_plan?: string; tool_calls?: RecordedCall };
    finish_reason?: string;
    usage?: CohereUsage;
  };
}

/** Billed units are the usage (what the price applies to); `tokens` (prompt template included) where none are billed. */
function cohereUsage(usage: CohereUsage | undefined): ExpectedUsage | undefined {
  const counts = usage?.billed_units ?? usage?.tokens;
  return counts ? usageOf({ prompt: counts.input_tokens ?? 0, completion: counts.output_tokens ?? 0 }) : undefined;
}

/**
 * A v2 chat answer: `text` content parts (not `thinking`); the `tool_plan` Cohere writes
 * before its tool calls is the text beside them, as OpenAI would put it.
 */
export function expectedCohereAnswer(body: {
  message: { content?: Array<{ type: string; text?: string; thinking?: string }>; tool_plan?: string; tool_calls?: RecordedCall[] };
  finish_reason: string;
  usage?: CohereUsage;
}): ExpectedAnswer {
  const text = (body.message.content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
  return {
    text: (body.message.tool_plan ?? '') + text,
    reasoning: (body.message.content ?? []).map((part) => (part.type === 'thinking' ? (part.thinking ?? '') : '')).join(''),
    toolCalls: (body.message.tool_calls ?? []).map((call) => ({ name: call.function?.name ?? '', arguments: argumentsOf(call.function?.arguments) })),
    finishReason: openAIFinishReason(body.finish_reason),
    usage: cohereUsage(body.usage),
  };
}

/** A v2 stream: plan and text deltas, tool calls by index, `message-end`'s finish reason and usage. */
export function expectedCohereStream(events: readonly StreamEvent[]): ExpectedAnswer {
  let text = '';
  let reasoning = '';
  let finishReason: string | undefined;
  let usage: CohereUsage | undefined;
  const calls = new ToolCallAssembler();
  for (const event of events) {
    const message = event.delta?.message;
    if (event.type === 'tool-plan-delta') text += message?.tool_plan ?? '';
    if (event.type === 'content-delta') text += message?.content?.text ?? '';
    if (event.type === 'content-delta') reasoning += message?.content?.thinking ?? '';
    if (event.type === 'tool-call-start' || event.type === 'tool-call-delta') {
      calls.add(event.index, { name: message?.tool_calls?.function?.name, args: message?.tool_calls?.function?.arguments });
    }
    if (event.type === 'message-end') {
      finishReason = event.delta?.finish_reason;
      usage = event.delta?.usage;
    }
  }
  return { text, reasoning, toolCalls: calls.result(), finishReason: openAIFinishReason(finishReason), usage: cohereUsage(usage) };
}
