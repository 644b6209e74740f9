export interface OpenAICompatiblePreset {
  name: string;
  /** Absent: the deployment must give `baseUrl`. */
  defaultBaseUrl?: string;
  apiKeyEnv?: string;
  apiKeyRequired: boolean;
  /** The price table's id for the provider; absent for servers you run yourself. */
  priceTableProvider?: string;
  /** A server you run yourself: nothing billed per token. */
  freeOfCharge?: boolean;
  /** Whether the server accepts `stream_options.include_usage`; those that do not still send usage at the end. */
  streamUsage: boolean;
  /** The server refuses reasoning fields on assistant messages sent back to it: the adapter leaves them out (see `OpenAIRequestOptions`). */
  dropReasoningFromHistory?: boolean;
}

/** Servers that speak OpenAI's chat completions API, with the base URL and key variable their own docs give. */
export const OPENAI_COMPATIBLE_PRESETS: readonly OpenAICompatiblePreset[] = [
  {
    name: 'groq',
    priceTableProvider: 'groq',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    apiKeyRequired: true,
    streamUsage: true,
    dropReasoningFromHistory: true,
  },
  {
    name: 'together',
    priceTableProvider: 'together',
    defaultBaseUrl: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    apiKeyRequired: true,
    streamUsage: true,
  },
  {
    name: 'deepseek',
    priceTableProvider: 'deepseek',
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    apiKeyRequired: true,
    streamUsage: true,
  },
  {
    name: 'fireworks',
    priceTableProvider: 'fireworks',
    defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: 'FIREWORKS_API_KEY',
    apiKeyRequired: true,
    streamUsage: true,
  },
  { name: 'xai', priceTableProvider: 'x-ai', defaultBaseUrl: 'https://api.x.ai/v1', apiKeyEnv: 'XAI_API_KEY', apiKeyRequired: true, streamUsage: true },
  {
    name: 'openrouter',
    priceTableProvider: 'openrouter',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    apiKeyRequired: true,
    streamUsage: true,
  },
  {
    name: 'mistral',
    priceTableProvider: 'mistral',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    apiKeyEnv: 'MISTRAL_API_KEY',
    apiKeyRequired: true,
    streamUsage: false,
    dropReasoningFromHistory: true,
  },
  {
    name: 'perplexity',
    priceTableProvider: 'perplexity',
    defaultBaseUrl: 'https://api.perplexity.ai',
    apiKeyEnv: 'PERPLEXITY_API_KEY',
    apiKeyRequired: true,
    streamUsage: false,
  },
  { name: 'ollama', freeOfCharge: true, defaultBaseUrl: 'http://localhost:11434/v1', apiKeyEnv: 'OLLAMA_API_KEY', apiKeyRequired: false, streamUsage: true },
  { name: 'vllm', freeOfCharge: true, defaultBaseUrl: 'http://localhost:8000/v1', apiKeyEnv: 'VLLM_API_KEY', apiKeyRequired: false, streamUsage: true },
  {
    name: 'lmstudio',
    freeOfCharge: true,
    defaultBaseUrl: 'http://localhost:1234/v1',
    apiKeyEnv: 'LM_STUDIO_API_KEY',
    apiKeyRequired: false,
    streamUsage: true,
  },
  { name: 'openai-compatible', apiKeyRequired: false, streamUsage: true },
];
