import type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  CompletionUsage,
  ServiceTier,
} from '../../src/types/chat.js';
import { toolArguments } from './chat-content.js';

/**
 * What OpenAI-compatible servers send, made into the shapes `src/types/chat.ts` promises.
 * One place for every provider that speaks OpenAI's chat completions (OpenAI, Azure and
 * every preset): each function checks first and copies only what it has to change, so a
 * plain OpenAI answer comes back as the same object.
 *
 * - `content` given as parts (Mistral's reasoning models: `{ type: 'thinking', thinking: [...] }`,
 *   `{ type: 'text', text }`, in messages and in deltas): the text parts joined become the
 *   content, the thinking parts `reasoning_content`. Nothing that is not a string becomes text.
 * - Groq's and OpenRouter's `reasoning` field is also given as `reasoning_content` (the field
 *   DeepSeek and xAI use); the original field stays.
 * - Tool calls without `type` (Mistral) get `type: 'function'`; arguments that are missing,
 *   `""` or `"null"` in a whole answer are `"{}"`, arguments sent as an object are its JSON.
 * - Streamed tool-call deltas without `index` (Mistral sends each call whole, unnumbered) are
 *   numbered per choice in order of appearance: a new id is the next call, a delta with no
 *   id continues the last one. A call that ended without any argument text gets `"{}"` on
 *   its choice's finishing chunk.
 * - `tool_calls: null` is left out, a missing `content` is `null`, a chunk choice without
 *   `finish_reason` (xAI) has `null`, and a chunk with no choices and no usage (Azure's
 *   opening `prompt_filter_results` chunk, with an empty id and model) is dropped.
 * - As OpenAI sends them, and the OpenAI SDK's types say: a whole answer's choice has `logprobs`
 *   (`null` when missing), its message `refusal` (`null` when missing) and a `finish_reason`
 *   (`stop` when missing or `null`); `system_fingerprint: null` is left out, and so is a
 *   `service_tier` that is not one of OpenAI's (Groq's `on_demand`).
 * - Usage follows OpenAI's convention, see `normaliseOpenAIUsage`.
 */

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null;

/** The strings in a value: a string, the `text` of an object, or those of an array's items joined. Anything else gives nothing. */
function stringsIn(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += typeof item === 'string' ? item : isRecord(item) && typeof item.text === 'string' ? item.text : '';
    return out;
  }
  return isRecord(value) && typeof value.text === 'string' ? value.text : '';
}

const THINKING_TYPES = new Set(['thinking', 'reasoning']);
const TEXT_TYPES = new Set(['text', 'output_text', undefined]);

/** Content that is not a string (parts, or one part): its text parts joined, and its thinking parts joined. */
function splitContent(content: unknown): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const part of Array.isArray(content) ? content : [content]) {
    if (typeof part === 'string') text += part;
    else if (!isRecord(part)) continue;
    else if (THINKING_TYPES.has(part.type as string)) reasoning += stringsIn(part.thinking ?? part.reasoning ?? part.text);
    else if (TEXT_TYPES.has(part.type as string | undefined) && typeof part.text === 'string') text += part.text;
  }
  return { text, reasoning };
}

/** Whether `content` is as the types promise it: a string or null (a delta may also leave it out). */
const plainContent = (content: unknown, absentAllowed: boolean) => typeof content === 'string' || content === null || (absentAllowed && content === undefined);

/** Reasoning given in another field or shape than a string `reasoning_content`. */
const reasoningElsewhere = (holder: Loose) =>
  (holder.reasoning_content !== undefined && holder.reasoning_content !== null && typeof holder.reasoning_content !== 'string') ||
  (holder.reasoning_content === undefined && holder.reasoning !== undefined && holder.reasoning !== null);

/** Text, reasoning and content of a message or delta whose content or reasoning needs work, written into `out`. */
function normaliseTextFields(holder: Loose, out: Loose, absentContent: 'null' | 'keep'): void {
  let reasoning = stringsIn(holder.reasoning_content ?? holder.reasoning);
  if (holder.content === undefined) {
    if (absentContent === 'null') out.content = null;
  } else if (!plainContent(holder.content, false)) {
    const split = splitContent(holder.content);
    out.content = split.text;
    reasoning += split.reasoning;
  }
  if (reasoning) out.reasoning_content = reasoning;
  else if (holder.reasoning_content !== null) delete out.reasoning_content;
}

/** A custom tool's call (OpenAI's) is passed on as sent. */
const customToolCall = (call: unknown) => isRecord(call) && call.type === 'custom' && isRecord(call.custom);

const wholeToolCallOk = (call: unknown) =>
  customToolCall(call) ||
  (isRecord(call) &&
    call.type === 'function' &&
    isRecord(call.function) &&
    typeof call.function.arguments === 'string' &&
    toolArguments(call.function.arguments) === call.function.arguments);

function wholeToolCall(call: unknown): unknown {
  if (wholeToolCallOk(call)) return call;
  const source = isRecord(call) ? call : {};
  const fn = isRecord(source.function) ? source.function : {};
  return { ...source, type: 'function', function: { ...fn, name: typeof fn.name === 'string' ? fn.name : '', arguments: toolArguments(fn.arguments) } };
}

function messageNeedsWork(message: Loose): boolean {
  if (!plainContent(message.content, false) || reasoningElsewhere(message) || message.refusal === undefined) return true;
  const calls = message.tool_calls;
  return calls !== undefined && (!Array.isArray(calls) || !calls.every(wholeToolCallOk));
}

function normalisedMessage(message: Loose): Loose {
  if (!messageNeedsWork(message)) return message;
  const out: Loose = { ...message };
  normaliseTextFields(message, out, 'null');
  if (Array.isArray(message.tool_calls)) out.tool_calls = message.tool_calls.map(wholeToolCall);
  else delete out.tool_calls;
  out.refusal ??= null;
  return out;
}

function normalisedChoice(choice: ChatCompletionChoice): ChatCompletionChoice {
  const message = normalisedMessage(isRecord(choice.message) ? choice.message : { role: 'assistant' });
  if (message === (choice.message as unknown) && choice.logprobs !== undefined && choice.finish_reason) return choice;
  return {
    ...choice,
    message: message as unknown as ChatCompletionChoice['message'],
    finish_reason: choice.finish_reason || 'stop',
    logprobs: choice.logprobs ?? null,
  };
}

const SERVICE_TIERS = new Set<unknown>(['auto', 'default', 'flex', 'scale', 'priority', null, undefined] satisfies Array<ServiceTier | null | undefined>);

/** Whether an answer's or chunk's top-level fields are as the types promise: a string fingerprint or none, one of OpenAI's tiers or none. */
const topLevelOk = (answer: ChatCompletion | ChatCompletionChunk) => answer.system_fingerprint !== null && SERVICE_TIERS.has(answer.service_tier);

/** Leaves out of a copied answer or chunk a `null` fingerprint and a tier that is not OpenAI's. */
function dropStrayFields(copy: ChatCompletion | ChatCompletionChunk): void {
  if (copy.system_fingerprint === null) delete copy.system_fingerprint;
  if (!SERVICE_TIERS.has(copy.service_tier)) delete copy.service_tier;
}

/** A whole answer from an OpenAI-shaped server, as the types promise it (the same object when it already is). */
export function normaliseOpenAICompletion(completion: ChatCompletion): ChatCompletion {
  let choices = completion.choices;
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i] as ChatCompletionChoice;
    const fixed = normalisedChoice(choice);
    if (fixed === choice) continue;
    if (choices === completion.choices) choices = choices.slice();
    choices[i] = fixed;
  }
  const usage = completion.usage ? normaliseOpenAIUsage(completion.usage) : completion.usage;
  const topOk = topLevelOk(completion);
  if (choices === completion.choices && usage === completion.usage && topOk) return completion;
  const out = { ...completion, choices, ...(usage ? { usage } : {}) };
  if (!topOk) dropStrayFields(out);
  return out;
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Usage in OpenAI's convention: reasoning counted inside `completion_tokens` (and told apart in
 * `completion_tokens_details.reasoning_tokens`), `total_tokens` = prompt + completion.
 *
 * xAI counts reasoning outside `completion_tokens`. It is told by the sum, not by the provider:
 * when reasoning tokens are reported, the total is not prompt + completion but is prompt +
 * completion + reasoning, the reasoning was outside and is added to `completion_tokens` (so it
 * is priced as output). A total that already adds up is left alone, so a provider that counts
 * as OpenAI does is never counted twice. A missing count is 0 and a missing total the sum;
 * DeepSeek's `prompt_cache_hit_tokens` without `prompt_tokens_details.cached_tokens` becomes it.
 * A total that does not add up for another reason is left as reported (nothing says which part is short).
 */
export function normaliseOpenAIUsage(usage: CompletionUsage): CompletionUsage {
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  const total = count(usage.total_tokens);
  const reasoning = count(usage.completion_tokens_details?.reasoning_tokens) ?? 0;
  const cacheHits = count((usage as { prompt_cache_hit_tokens?: unknown }).prompt_cache_hit_tokens);
  const parts = (prompt ?? 0) + (completion ?? 0);
  const reasoningOutside = reasoning > 0 && total !== parts && total === parts + reasoning;
  const cachedUntold = cacheHits !== undefined && cacheHits > 0 && usage.prompt_tokens_details?.cached_tokens === undefined;
  if (prompt !== undefined && completion !== undefined && total !== undefined && !reasoningOutside && !cachedUntold) return usage;

  const completionTokens = (completion ?? 0) + (reasoningOutside ? reasoning : 0);
  const out: CompletionUsage = {
    ...usage,
    prompt_tokens: prompt ?? 0,
    completion_tokens: completionTokens,
    total_tokens: reasoningOutside || total === undefined ? (prompt ?? 0) + completionTokens : total,
  };
  if (cachedUntold) out.prompt_tokens_details = { ...usage.prompt_tokens_details, cached_tokens: cacheHits };
  return out;
}

/** How one choice's streamed tool calls are numbered, and which have had argument text. */
interface ToolCallNumbering {
  last: number;
  highest: number;
  byId: Map<string, number>;
  /** Calls that had argument text; those in `byId` but not here get `"{}"` when the choice finishes. */
  withArguments: Set<number>;
}

/**
 * Normalises one stream's chunks (create one per stream: tool-call numbering is per stream and
 * choice). `normalise` returns the chunk to hand on, the same object when it needs nothing,
 * or undefined for a chunk that carries nothing in OpenAI's shape.
 */
export class OpenAIChunkNormaliser {
  private numberings: Map<number, ToolCallNumbering> | undefined;

  normalise(chunk: ChatCompletionChunk): ChatCompletionChunk | undefined {
    const { choices } = chunk;
    if (choices.length === 0 && !chunk.usage) return undefined;
    let out = choices;
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i] as ChatCompletionChunkChoice;
      const fixed = this.choice(choice);
      if (fixed === choice) continue;
      if (out === choices) out = choices.slice();
      out[i] = fixed;
    }
    const usage = chunk.usage ? normaliseOpenAIUsage(chunk.usage) : chunk.usage;
    const topOk = topLevelOk(chunk);
    if (out === choices && usage === chunk.usage && topOk) return chunk;
    const fixed = { ...chunk, choices: out, ...(usage ? { usage } : {}) };
    if (!topOk) dropStrayFields(fixed);
    return fixed;
  }

  private choice(choice: ChatCompletionChunkChoice): ChatCompletionChunkChoice {
    const delta: Loose = isRecord(choice.delta) ? choice.delta : {};
    const calls = delta.tool_calls;
    const numbering = calls !== undefined || (choice.finish_reason && this.numberings) ? this.numberingOf(choice.index) : undefined;
    const textOk = plainContent(delta.content, true) && !reasoningElsewhere(delta);
    let toolCalls = Array.isArray(calls) && numbering ? this.numbered(calls, numbering) : calls;
    const missing = choice.finish_reason && numbering ? this.argumentsNeverSent(numbering) : undefined;
    if (missing) toolCalls = [...(Array.isArray(toolCalls) ? toolCalls : []), ...missing];
    const callsOk = toolCalls === calls && (calls === undefined || Array.isArray(calls));
    if (textOk && callsOk && choice.finish_reason !== undefined && delta === choice.delta) return choice;

    const outDelta: Loose = { ...delta };
    if (!textOk) normaliseTextFields(delta, outDelta, 'keep');
    if (Array.isArray(toolCalls)) outDelta.tool_calls = toolCalls;
    else delete outDelta.tool_calls;
    return { ...choice, delta: outDelta as ChatCompletionChunkChoice['delta'], finish_reason: choice.finish_reason ?? null };
  }

  private numberingOf(choiceIndex: number): ToolCallNumbering {
    this.numberings ??= new Map();
    let numbering = this.numberings.get(choiceIndex);
    if (!numbering) this.numberings.set(choiceIndex, (numbering = { last: -1, highest: -1, byId: new Map(), withArguments: new Set() }));
    return numbering;
  }

  /** The deltas with an index each (and `type` where a call starts), the same array when all had one. */
  private numbered(calls: unknown[], numbering: ToolCallNumbering): unknown[] {
    let out = calls;
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      const fixed = this.numberedCall(isRecord(call) ? call : {}, numbering);
      if (fixed === call) continue;
      if (out === calls) out = calls.slice();
      out[i] = fixed;
    }
    return out;
  }

  private numberedCall(call: Loose, numbering: ToolCallNumbering): Loose {
    const id = typeof call.id === 'string' && call.id !== '' ? call.id : undefined;
    let index: number;
    if (typeof call.index === 'number') index = call.index;
    else if (id !== undefined) index = numbering.byId.get(id) ?? numbering.highest + 1;
    else index = numbering.last >= 0 ? numbering.last : 0;
    numbering.last = index;
    if (index > numbering.highest) numbering.highest = index;
    if (id !== undefined) numbering.byId.set(id, index);

    const fn = isRecord(call.function) ? call.function : undefined;
    const args = fn?.arguments;
    if (typeof args === 'string' ? args.trim() !== '' : args !== undefined && args !== null) numbering.withArguments.add(index);
    const argsOk = args === undefined || typeof args === 'string';
    if (index === call.index && (id === undefined || call.type === 'function') && argsOk) return call;
    const out: Loose = { ...call, index };
    if (id !== undefined) out.type = 'function';
    if (!argsOk && fn) out.function = { ...fn, arguments: toolArguments(args) };
    return out;
  }

  /** At a choice's end: `"{}"` for each call that never had argument text, so none is left with `""`, which is not JSON. */
  private argumentsNeverSent(numbering: ToolCallNumbering): Loose[] | undefined {
    let missing: Loose[] | undefined;
    for (const index of numbering.byId.values()) {
      if (numbering.withArguments.has(index)) continue;
      (missing ??= []).push({ index, function: { arguments: '{}' } });
      numbering.withArguments.add(index);
    }
    return missing;
  }
}
