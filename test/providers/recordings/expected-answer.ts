import type { FinishReason } from 'switchyard';

/** A tool call as the provider meant it: its name and its arguments as an object. */
export interface ExpectedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** Usage in OpenAI's convention: cached tokens inside the prompt, reasoning inside the completion. */
export interface ExpectedUsage {
  prompt: number;
  completion: number;
  total: number;
  cached?: number;
  cacheWrite?: number;
  reasoning?: number;
}

/** What a recorded answer says, read from the recording alone (never from an adapter). */
export interface ExpectedAnswer {
  /** The answer's text, thinking left out. */
  text: string;
  /** The model's thinking in clear text (`reasoning_content`); signatures and redacted (encrypted) thinking are not. */
  reasoning: string;
  toolCalls: ExpectedToolCall[];
  finishReason: FinishReason;
  /** Undefined when the recording reports none. */
  usage: ExpectedUsage | undefined;
}

/** A recording whose provider meant a failure: the typed error it must come out as. */
export interface ExpectedFailure {
  error: 'ContentPolicyViolationError' | 'InternalServerError' | 'RateLimitError' | 'BadRequestError';
  status: number;
  /** Whether trying again (elsewhere) may succeed. */
  retryable: boolean;
}

export type Expectation = { answer: ExpectedAnswer } | { failure: ExpectedFailure };

const FINISH_REASONS: Readonly<Record<FinishReason, readonly string[]>> = {
  stop: ['stop', 'end_turn', 'stop_sequence', 'STOP', 'COMPLETE', 'STOP_SEQUENCE'],
  length: ['length', 'max_tokens', 'MAX_TOKENS', 'model_context_window_exceeded'],
  tool_calls: ['tool_calls', 'tool_use', 'TOOL_CALL'],
  content_filter: ['content_filter', 'refusal', 'guardrail_intervened', 'content_filtered', 'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII'],
  function_call: ['function_call'],
};

/** A provider's stop reason as OpenAI's finish reason; one this table does not know fails the recording's test. */
export function openAIFinishReason(providerReason: unknown): FinishReason {
  for (const [reason, spellings] of Object.entries(FINISH_REASONS)) {
    if (spellings.includes(String(providerReason))) return reason as FinishReason;
  }
  throw new Error(`no OpenAI finish reason known for the provider's stop reason ${JSON.stringify(providerReason)}`);
}

/** Recorded tool arguments (a JSON text, or an object already) as the object the provider meant: no text, `""` or `"null"` is `{}`. */
export function argumentsOf(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  const parsed: unknown = typeof raw === 'string' ? (raw.trim() === '' ? null : JSON.parse(raw)) : raw;
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`recorded tool arguments are not a JSON object: ${JSON.stringify(raw)}`);
  return parsed as Record<string, unknown>;
}

/** Usage from parts the provider reported separately; omitted parts (0) stay out of the expectation. */
export function usageOf(parts: { prompt: number; completion: number; cached?: number; cacheWrite?: number; reasoning?: number }): ExpectedUsage {
  const usage: ExpectedUsage = { prompt: parts.prompt, completion: parts.completion, total: parts.prompt + parts.completion };
  if (parts.cached) usage.cached = parts.cached;
  if (parts.cacheWrite) usage.cacheWrite = parts.cacheWrite;
  if (parts.reasoning) usage.reasoning = parts.reasoning;
  return usage;
}

/** Tool calls streamed in pieces, put back together by their index (a piece without one continues the last call, or starts one when it has an id). */
export class ToolCallAssembler {
  private readonly calls: Array<{ name: string; args: string }> = [];
  private readonly slotByIndex = new Map<number | string, number>();

  /** A piece: `key` tells calls apart (undefined: see above); name and argument text are appended. */
  add(key: number | string | undefined, piece: { id?: string; name?: string; args?: string }): void {
    let slot = key === undefined ? undefined : this.slotByIndex.get(key);
    if (slot === undefined && key === undefined && !piece.id && this.calls.length > 0) slot = this.calls.length - 1;
    if (slot === undefined) {
      slot = this.calls.push({ name: '', args: '' }) - 1;
      if (key !== undefined) this.slotByIndex.set(key, slot);
    }
    const call = this.calls[slot] as { name: string; args: string };
    call.name += piece.name ?? '';
    call.args += piece.args ?? '';
  }

  /** The calls in the order they began, arguments parsed. */
  result(): ExpectedToolCall[] {
    return this.calls.map((call) => ({ name: call.name, arguments: argumentsOf(call.args) }));
  }
}
