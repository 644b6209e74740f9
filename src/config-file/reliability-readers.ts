import type * as z from 'zod';
import type { ConfigDraft } from './config-draft.js';
import { checked, nameList, nonNegativeInteger, positiveInteger, seconds } from './config-values.js';
import { readFallbacks } from './fallback-maps.js';
import type { KeyReader } from './read-mapping.js';

/** A reader that checks a value and offers it as a setting at `rank`. */
export function settingReader<T>(draft: ConfigDraft, name: string, schema: z.ZodType<T>, rank: number, as: (value: T) => unknown = (v) => v): KeyReader {
  return (value, path) => {
    const read = checked(schema, value, path, draft.report);
    if (read !== undefined) draft.settings.offer(name, undefined, as(read), path, rank);
  };
}

/** What `router_settings` and `litellm_settings` both set, LiteLLM's Router arguments winning over its module settings. */
export function reliabilityReaders(draft: ConfigDraft, rank: number): Record<string, KeyReader> {
  return {
    num_retries: settingReader(draft, 'retries.max', nonNegativeInteger(), rank),
    fallbacks: (value, path) => readFallbacks(value, path, 'fallbacks', draft, rank),
    context_window_fallbacks: (value, path) => readFallbacks(value, path, 'contextWindowFallbacks', draft, rank),
    content_policy_fallbacks: (value, path) => readFallbacks(value, path, 'contentPolicyFallbacks', draft, rank),
    default_fallbacks: settingReader(draft, 'defaultFallbacks', nameList('expected a list of model names'), rank),
    allowed_fails: settingReader(draft, 'cooldown.allowedFails', positiveInteger(), rank),
  };
}

/** A time limit in seconds (`timeout`, `request_timeout`) as the router's `timeoutMs`. */
export const timeoutReader = (draft: ConfigDraft, rank: number): KeyReader => settingReader(draft, 'timeoutMs', seconds('600'), rank);
