/** Prices that replace the base ones once a prompt has more than `aboveInputTokens` tokens (long-context pricing). */
export interface PricingTier {
  aboveInputTokens: number;
  inputPerMTok?: number;
  outputPerMTok?: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
  reasoningPerMTok?: number;
}

/** Prices in USD per million tokens. */
export interface DeploymentPricing {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Price of prompt tokens served from the provider's cache; `inputPerMTok` when absent. */
  cachedInputPerMTok?: number;
  /** Price of prompt tokens written to the provider's cache (Anthropic, Bedrock); `inputPerMTok` when absent. */
  cacheWritePerMTok?: number;
  /** Price of reasoning tokens, where the provider bills them apart; `outputPerMTok` when absent. */
  reasoningPerMTok?: number;
  /** Long-context prices, by prompt size. */
  tiers?: PricingTier[];
}

/** One deployment as the user writes it: a model served by one provider endpoint with one key. */
export interface DeploymentConfig {
  /** The name callers ask for; deployments sharing it form a group. */
  model: string;
  /** A registered provider adapter name, e.g. `openai`, `groq`, `mock`. */
  provider: string;
  /** The provider's own model id; defaults to `model`. */
  providerModel?: string;
  /** Stable id; by default derived from the other fields (never from the key in clear). */
  id?: string;
  /** Key, `os.environ/NAME` or `${NAME}`; defaults to the provider's usual environment variable. */
  apiKey?: string;
  /** Base URL including the version path (`http://localhost:8000/v1`). */
  baseUrl?: string;
  /** Extra HTTP headers sent with every call. */
  headers?: Record<string, string>;
  /** Relative share of traffic for `simple-shuffle`. */
  weight?: number;
  /** Requests per minute this deployment may take. */
  rpm?: number;
  /** Tokens per minute this deployment may take. */
  tpm?: number;
  /** Most calls in flight at once. */
  maxConcurrency?: number;
  /** Time limit of one attempt, in milliseconds. */
  timeoutMs?: number;
  tags?: string[];
  /** Lower tiers are tried first. */
  priority?: number;
  maxInputTokens?: number;
  maxOutputTokens?: number;
  /** Overrides the price table for this deployment. */
  pricing?: DeploymentPricing;
  /**
   * The model whose list price applies when `providerModel` is a name of your own
   * (an Azure deployment name, say): `gpt-4o`. Default: `providerModel`.
   */
  baseModel?: string;
  /** Provider extras: for OpenAI-shaped providers, fields added to every request body. */
  params?: Record<string, unknown>;
}
