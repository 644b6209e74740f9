import type { DeploymentPricing } from '../deployments/deployment-config.js';
import type { CompletionUsage } from '../types/chat.js';

/** USD for one call's usage; cached prompt tokens at the cached price when one is given. Undefined when either is unknown. */
export function costFromPricing(usage: CompletionUsage | undefined, pricing: DeploymentPricing | undefined): number | undefined {
  if (!usage || !pricing) return undefined;
  const cached = pricing.cachedInputPerMTok === undefined ? 0 : (usage.prompt_tokens_details?.cached_tokens ?? 0);
  const input = (usage.prompt_tokens - cached) * pricing.inputPerMTok + cached * (pricing.cachedInputPerMTok ?? 0);
  return (input + usage.completion_tokens * pricing.outputPerMTok) / 1_000_000;
}
