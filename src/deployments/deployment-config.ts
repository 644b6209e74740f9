/** Prices in USD per million tokens. */
export interface DeploymentPricing {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Price of prompt tokens served from the provider's cache; `inputPerMTok` when absent. */
  cachedInputPerMTok?: number;
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
  pricing?: DeploymentPricing;
  /** Provider extras: for OpenAI-shaped providers, fields added to every request body. */
  params?: Record<string, unknown>;
}
