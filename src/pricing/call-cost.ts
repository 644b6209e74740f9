import type { DeploymentPricing, PricingTier } from '../deployments/deployment-config.js';
import type { CompletionUsage } from '../types/chat.js';

/** The long-context tier a prompt of this size falls in, if any. */
function tierFor(pricing: DeploymentPricing, promptTokens: number): PricingTier | undefined {
  let chosen: PricingTier | undefined;
  if (pricing.tiers) for (const tier of pricing.tiers) if (promptTokens > tier.aboveInputTokens) chosen = tier;
  return chosen;
}

/**
 * USD for one call's usage. Prompt tokens include cache reads and writes (as OpenAI
 * counts them): the rest is uncached input. Completion tokens include reasoning tokens,
 * which are priced apart only where the pricing says so.
 */
export function callCostUsd(usage: CompletionUsage, pricing: DeploymentPricing): number {
  const tier = tierFor(pricing, usage.prompt_tokens);
  const input = tier?.inputPerMTok ?? pricing.inputPerMTok;
  const output = tier?.outputPerMTok ?? pricing.outputPerMTok;
  const cachedInput = tier?.cachedInputPerMTok ?? pricing.cachedInputPerMTok ?? input;
  const cacheWrite = tier?.cacheWritePerMTok ?? pricing.cacheWritePerMTok ?? input;
  const reasoningPrice = tier?.reasoningPerMTok ?? pricing.reasoningPerMTok;

  const details = usage.prompt_tokens_details;
  const cachedTokens = details?.cached_tokens ?? 0;
  const writtenTokens = details?.cache_write_tokens ?? 0;
  const uncachedTokens = Math.max(0, usage.prompt_tokens - cachedTokens - writtenTokens);
  const reasoningTokens = reasoningPrice === undefined ? 0 : Math.min(usage.completion_tokens, usage.completion_tokens_details?.reasoning_tokens ?? 0);

  const inputUsd = uncachedTokens * input + cachedTokens * cachedInput + writtenTokens * cacheWrite;
  const outputUsd = (usage.completion_tokens - reasoningTokens) * output + reasoningTokens * (reasoningPrice ?? output);
  return (inputUsd + outputUsd) / 1_000_000;
}

/** The cost of a call that has not happened: its estimated prompt and answer at uncached prices. */
export function estimatedCostUsd(promptTokens: number, outputTokens: number, pricing: DeploymentPricing): number {
  const tier = tierFor(pricing, promptTokens);
  return (promptTokens * (tier?.inputPerMTok ?? pricing.inputPerMTok) + outputTokens * (tier?.outputPerMTok ?? pricing.outputPerMTok)) / 1_000_000;
}
