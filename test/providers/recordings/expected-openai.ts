import { argumentsOf, openAIFinishReason, ToolCallAssembler, usageOf, type ExpectedAnswer, type ExpectedUsage } from './expected-answer.js';

interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

interface RecordedToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

/** DeepSeek and xAI send `reasoning_content`, Groq `reasoning`, Mistral thinking parts inside `content`. */
interface TextFields {
  content?: unknown;
  reasoning_content?: string | null;
  reasoning?: string | null;
}

interface RecordedChoice {
  index?: number;
  message?: TextFields & { tool_calls?: RecordedToolCall[] | null };
  delta?: TextFields & { tool_calls?: RecordedToolCall[] | null };
  finish_reason?: string | null;
}

interface RecordedBody {
  choices: RecordedChoice[];
  usage?: OpenAIUsage | null;
}

/** Content as sent: a string, or (Mistral's reasoning models) an array of parts whose `text` parts are the answer and `thinking` parts are not. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { type?: string; text?: unknown }) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

/** The thinking in content parts (`{ type: 'thinking', thinking: [{ type: 'text', text }] }`) and in the reasoning fields. */
function reasoningOf(fields: TextFields | undefined): string {
  const parts = Array.isArray(fields?.content) ? (fields.content as Array<{ type?: string; thinking?: Array<{ text?: string }> }>) : [];
  const thinking = parts.map((part) => (part?.type === 'thinking' ? (part.thinking ?? []).map((inner) => inner.text ?? '').join('') : '')).join('');
  return (fields?.reasoning_content ?? fields?.reasoning ?? '') + thinking;
}

/**
 * OpenAI's convention counts reasoning inside `completion_tokens`; xAI reports it beside
 * (`total = prompt + completion + reasoning`), which the total gives away.
 */
function openAIUsage(usage: OpenAIUsage | null | undefined): ExpectedUsage | undefined {
  if (!usage) return undefined;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const total = usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens;
  const reasoningBeside =
    reasoning > 0 && total !== usage.prompt_tokens + usage.completion_tokens && total === usage.prompt_tokens + usage.completion_tokens + reasoning;
  const expected = usageOf({
    prompt: usage.prompt_tokens,
    completion: usage.completion_tokens + (reasoningBeside ? reasoning : 0),
    cached: usage.prompt_tokens_details?.cached_tokens,
    reasoning,
  });
  if (expected.total !== total) throw new Error(`the recording's usage adds up in no known convention: ${JSON.stringify(usage)}`);
  return expected;
}

/** A whole chat.completion (OpenAI and the servers that speak its format). */
export function expectedOpenAIAnswer(body: RecordedBody): ExpectedAnswer {
  const choice = body.choices[0] as RecordedChoice;
  return {
    text: textOf(choice.message?.content),
    reasoning: reasoningOf(choice.message),
    toolCalls: (choice.message?.tool_calls ?? []).map((call) => ({ name: call.function?.name ?? '', arguments: argumentsOf(call.function?.arguments) })),
    finishReason: openAIFinishReason(choice.finish_reason),
    usage: openAIUsage(body.usage),
  };
}

/** A stream of chat.completion.chunk events: text deltas joined, tool calls by index, the last finish reason and usage. */
export function expectedOpenAIStream(events: readonly RecordedBody[]): ExpectedAnswer {
  let text = '';
  let reasoning = '';
  let finishReason: string | undefined;
  let usage: OpenAIUsage | undefined;
  const calls = new ToolCallAssembler();
  for (const event of events) {
    if (event.usage) usage = event.usage;
    for (const choice of event.choices.filter((c) => (c.index ?? 0) === 0)) {
      text += textOf(choice.delta?.content);
      reasoning += reasoningOf(choice.delta);
      for (const call of choice.delta?.tool_calls ?? []) calls.add(call.index, { id: call.id, name: call.function?.name, args: call.function?.arguments });
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { text, reasoning, toolCalls: calls.result(), finishReason: openAIFinishReason(finishReason), usage: openAIUsage(usage) };
}
