import type { CompletionUsage } from '../../types/chat.js';

/** Tokens by the `type` label; cached tokens are part of input, reasoning tokens part of output. Zero counts are left out. */
export function tokenCounts(usage: CompletionUsage): Array<[type: string, tokens: number]> {
  const counts: Array<[string, number | undefined]> = [
    ['input', usage.prompt_tokens],
    ['output', usage.completion_tokens],
    ['cached', usage.prompt_tokens_details?.cached_tokens],
    ['reasoning', usage.completion_tokens_details?.reasoning_tokens],
  ];
  return counts.filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0);
}
