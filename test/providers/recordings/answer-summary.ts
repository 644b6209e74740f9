import type { ChatCompletion, ChatCompletionChunk, CompletionUsage, CustomToolCall, ToolCall } from 'switchyard';
import type { ExpectedAnswer, ExpectedToolCall, ExpectedUsage } from './expected-answer.js';

/**
 * What the router handed back, in the expectation's terms, so one comparison shows every
 * difference at once. Whatever breaks OpenAI's shape (content that is not a string, a
 * tool call without `type: 'function'` or an id, a delta without an index, arguments
 * that are not a JSON object, usage whose parts do not add up, a whole answer without
 * `logprobs` or `refusal`) is written out so that it cannot equal the expectation.
 */
export interface AnswerSummary {
  text: unknown;
  reasoning: unknown;
  toolCalls: unknown[];
  finishReason: unknown;
  usage: unknown;
  /** Set only when a whole answer lacks a field OpenAI always sends. */
  missing?: string;
}

function argumentsSummary(text: unknown): unknown {
  if (typeof text !== 'string') return { notAString: text };
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { notAnObject: text };
  } catch {
    return { notJson: text };
  }
}

function toolCallSummary(call: Partial<ToolCall> | CustomToolCall): ExpectedToolCall | Record<string, unknown> {
  const fn = call.type === 'custom' ? undefined : call.function;
  const summary = { name: fn?.name, arguments: argumentsSummary(fn?.arguments) };
  const wrong = [...(call.type === 'function' ? [] : [`type ${JSON.stringify(call.type)}`]), ...(call.id ? [] : ['no id'])];
  return wrong.length === 0 ? summary : { ...summary, wrongShape: wrong.join(', ') };
}

export function usageSummary(usage: CompletionUsage | null | undefined): ExpectedUsage | Record<string, unknown> | undefined {
  if (!usage) return undefined;
  const summary: ExpectedUsage = { prompt: usage.prompt_tokens, completion: usage.completion_tokens, total: usage.total_tokens };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (cached) summary.cached = cached;
  if (cacheWrite) summary.cacheWrite = cacheWrite;
  if (reasoning) summary.reasoning = reasoning;
  const problems = [
    ...(summary.prompt + summary.completion === summary.total ? [] : ['prompt + completion ≠ total']),
    ...((reasoning ?? 0) <= summary.completion ? [] : ['reasoning beyond the completion']),
    ...((cached ?? 0) + (cacheWrite ?? 0) <= summary.prompt ? [] : ['cache beyond the prompt']),
  ];
  return problems.length === 0 ? summary : { ...summary, doesNotAddUp: problems.join(', ') };
}

/** A whole answer's first choice. */
export function answerSummary(response: ChatCompletion): AnswerSummary {
  const choice = response.choices[0];
  const content: unknown = choice?.message.content;
  const reasoning: unknown = choice?.message.reasoning_content;
  return {
    text: content === null ? '' : typeof content === 'string' ? content : { notAString: content },
    reasoning: reasoning === undefined || reasoning === null ? '' : typeof reasoning === 'string' ? reasoning : { notAString: reasoning },
    toolCalls: (choice?.message.tool_calls ?? []).map(toolCallSummary),
    finishReason: choice?.finish_reason,
    usage: usageSummary(response.usage),
    ...missingFields(choice),
  };
}

function missingFields(choice: ChatCompletion['choices'][number] | undefined): Pick<AnswerSummary, 'missing'> {
  const missing = [...(choice?.logprobs === undefined ? ['logprobs'] : []), ...(choice?.message.refusal === undefined ? ['message.refusal'] : [])];
  return missing.length === 0 ? {} : { missing: missing.join(', ') };
}

/**
 * A stream put back together as OpenAI's own client does: content deltas joined, tool-call
 * deltas merged by index (id, type and name set, arguments appended), the last finish
 * reason, the last usage.
 */
export function streamSummary(chunks: readonly ChatCompletionChunk[]): AnswerSummary {
  const texts: unknown[] = [];
  const reasonings: unknown[] = [];
  const calls: Array<Partial<ToolCall> & { function: { name: string; arguments: string } }> = [];
  const deltaProblems: string[] = [];
  let finishReason: unknown = null;
  let usage: CompletionUsage | null | undefined;
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      if (choice.index !== 0) continue;
      const content: unknown = choice.delta.content;
      if (content !== undefined && content !== null) texts.push(content);
      const reasoning: unknown = choice.delta.reasoning_content;
      if (reasoning !== undefined && reasoning !== null) reasonings.push(reasoning);
      for (const delta of choice.delta.tool_calls ?? []) {
        if (typeof delta.index !== 'number') {
          deltaProblems.push(`a tool-call delta without an index: ${JSON.stringify(delta)}`);
          continue;
        }
        const call = (calls[delta.index] ??= { function: { name: '', arguments: '' } });
        if (delta.id) call.id = delta.id;
        if (delta.type) call.type = delta.type;
        if (delta.function?.name) call.function.name = delta.function.name;
        if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  const joined = (pieces: unknown[]) => (pieces.every((piece) => typeof piece === 'string') ? pieces.join('') : { notAllStrings: pieces });
  return {
    text: joined(texts),
    reasoning: joined(reasonings),
    toolCalls: [...calls.map(toolCallSummary), ...deltaProblems],
    finishReason,
    usage: usageSummary(usage),
  };
}

/** The expectation in the summary's terms. */
export function expectedSummary(expected: ExpectedAnswer): AnswerSummary {
  return { text: expected.text, reasoning: expected.reasoning, toolCalls: expected.toolCalls, finishReason: expected.finishReason, usage: expected.usage };
}
