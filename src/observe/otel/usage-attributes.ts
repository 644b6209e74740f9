import type { Attributes } from '@opentelemetry/api';
import type { CompletionUsage } from '../../types/chat.js';

/** The `gen_ai.usage.*` span attributes; input tokens include cached ones and output tokens reasoning ones, as the conventions ask. */
export function usageAttributes(usage: CompletionUsage): Attributes {
  const attributes: Attributes = {
    'gen_ai.usage.input_tokens': usage.prompt_tokens,
    'gen_ai.usage.output_tokens': usage.completion_tokens,
  };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (cached !== undefined) attributes['gen_ai.usage.cache_read.input_tokens'] = cached;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  if (cacheWrite !== undefined) attributes['gen_ai.usage.cache_creation.input_tokens'] = cacheWrite;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) attributes['gen_ai.usage.reasoning.output_tokens'] = reasoning;
  return attributes;
}
