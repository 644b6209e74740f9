import { describeValue } from '../config/describe-value.js';
import { isCountable, MAX_TOKENS_PER_CALL } from '../state/countable.js';
import type { CompletionUsage } from '../types/chat.js';

const isTokens = (value: unknown): value is number => isCountable(value, MAX_TOKENS_PER_CALL);
const isOptionalTokens = (value: unknown) => value === undefined || isTokens(value);

interface UsageDetails {
  prompt?: { cached_tokens?: unknown; cache_write_tokens?: unknown };
  completion?: { reasoning_tokens?: unknown };
}

function detailsOf(usage: CompletionUsage): UsageDetails {
  const prompt: unknown = usage.prompt_tokens_details;
  const completion: unknown = usage.completion_tokens_details;
  return {
    prompt: typeof prompt === 'object' && prompt !== null ? prompt : undefined,
    completion: typeof completion === 'object' && completion !== null ? completion : undefined,
  };
}

/** Whether every count of a usage is a token count spend can take as it is (no copy made): the usual case. */
export function isCountableUsage(usage: CompletionUsage): boolean {
  return (
    typeof usage === 'object' &&
    usage !== null &&
    isTokens(usage.prompt_tokens) &&
    isTokens(usage.completion_tokens) &&
    isTokens(usage.total_tokens) &&
    isOptionalTokens(usage.prompt_tokens_details?.cached_tokens) &&
    isOptionalTokens(usage.prompt_tokens_details?.cache_write_tokens) &&
    isOptionalTokens(usage.completion_tokens_details?.reasoning_tokens)
  );
}

/** A usage with counts that are not token counts (NaN, Infinity, negative, above any model's, not numbers), made countable. */
export interface RecountedUsage {
  usage: CompletionUsage;
  /** What was replaced, as reported: `prompt_tokens: NaN`. */
  replaced: string[];
}

/**
 * The usage with each count that is not a token count taken as 0, and a total that is not
 * one as prompt plus completion; details that are not counts are left out.
 */
export function recountedUsage(reported: unknown): RecountedUsage {
  const usage = (typeof reported === 'object' && reported !== null ? reported : {}) as CompletionUsage;
  const replaced: string[] = typeof reported === 'object' && reported !== null ? [] : [`usage: ${describeValue(reported)}`];
  const count = (field: string, value: unknown, absent: number | undefined): number | undefined => {
    if (isTokens(value)) return value;
    if (value !== undefined) replaced.push(`${field}: ${describeValue(value)}`);
    return absent;
  };
  const prompt = count('prompt_tokens', usage.prompt_tokens, 0) as number;
  const completion = count('completion_tokens', usage.completion_tokens, 0) as number;
  const total = count('total_tokens', usage.total_tokens, undefined) ?? prompt + completion;
  const details = detailsOf(usage);
  const cached = count('prompt_tokens_details.cached_tokens', details.prompt?.cached_tokens, undefined);
  const written = count('prompt_tokens_details.cache_write_tokens', details.prompt?.cache_write_tokens, undefined);
  const reasoning = count('completion_tokens_details.reasoning_tokens', details.completion?.reasoning_tokens, undefined);
  const counted: CompletionUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total };
  if (cached !== undefined || written !== undefined) {
    counted.prompt_tokens_details = {};
    if (cached !== undefined) counted.prompt_tokens_details.cached_tokens = cached;
    if (written !== undefined) counted.prompt_tokens_details.cache_write_tokens = written;
  }
  if (reasoning !== undefined) counted.completion_tokens_details = { reasoning_tokens: reasoning };
  return { usage: counted, replaced };
}
