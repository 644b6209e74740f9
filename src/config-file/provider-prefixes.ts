import { shortened } from '../config/describe-value.js';

/** How a LiteLLM `provider/` prefix is served: the switchyard provider and the variables its key is read from when `api_key` is not given. */
export interface ProviderPrefix {
  provider: string;
  /** LiteLLM's variable first, then switchyard's own. */
  keyVariables: readonly string[];
}

const served = (provider: string, ...keyVariables: string[]): ProviderPrefix => ({ provider, keyVariables });

/** Every LiteLLM prefix switchyard serves. `openai/` with an `api_base` of another server is `openai-compatible` (see `providerFor`). */
export const PROVIDER_PREFIXES: Readonly<Record<string, ProviderPrefix>> = {
  openai: served('openai', 'OPENAI_API_KEY'),
  azure: served('azure', 'AZURE_API_KEY', 'AZURE_OPENAI_API_KEY'),
  anthropic: served('anthropic', 'ANTHROPIC_API_KEY'),
  gemini: served('gemini', 'GEMINI_API_KEY'),
  bedrock: served('bedrock', 'AWS_BEARER_TOKEN_BEDROCK'),
  cohere: served('cohere', 'COHERE_API_KEY', 'CO_API_KEY'),
  cohere_chat: served('cohere', 'COHERE_API_KEY', 'CO_API_KEY'),
  mistral: served('mistral', 'MISTRAL_API_KEY'),
  groq: served('groq', 'GROQ_API_KEY'),
  deepseek: served('deepseek', 'DEEPSEEK_API_KEY'),
  xai: served('xai', 'XAI_API_KEY'),
  together_ai: served('together', 'TOGETHERAI_API_KEY', 'TOGETHER_API_KEY'),
  fireworks_ai: served('fireworks', 'FIREWORKS_AI_API_KEY', 'FIREWORKS_API_KEY'),
  openrouter: served('openrouter', 'OPENROUTER_API_KEY'),
  perplexity: served('perplexity', 'PERPLEXITYAI_API_KEY', 'PERPLEXITY_API_KEY'),
  ollama: served('ollama', 'OLLAMA_API_KEY'),
  ollama_chat: served('ollama', 'OLLAMA_API_KEY'),
  vllm: served('vllm', 'HOSTED_VLLM_API_KEY', 'VLLM_API_KEY'),
  hosted_vllm: served('vllm', 'HOSTED_VLLM_API_KEY', 'VLLM_API_KEY'),
  lm_studio: served('lmstudio', 'LM_STUDIO_API_KEY'),
  // switchyard's in-process provider, for demos and tests: no keys, no network.
  mock: served('mock'),
};

/** An OpenAI-compatible server's key is only ever the one its deployment gives: OPENAI_API_KEY is not sent to another server. */
const OPENAI_COMPATIBLE = served('openai-compatible');

const BARE_OPENAI = /^(gpt-|chatgpt-|o\d|text-embedding-|ft:gpt-|davinci|babbage)/;
const BARE_ANTHROPIC = /^claude-/;

/** What `litellm_params.model` names: the provider, its model id, and the prefix as written. */
export interface ModelTarget {
  /** `litellm_params.model` as written. */
  model: string;
  prefix: ProviderPrefix;
  providerModel: string;
  /** `azure` in `azure/my-gpt4o`; for a bare model name, the provider inferred. */
  written: string;
}

/** Why `model` names no provider switchyard serves: undefined when it does. */
export function unservedReason(model: string): string | undefined {
  const slash = model.indexOf('/');
  if (slash === -1) {
    if (BARE_OPENAI.test(model) || BARE_ANTHROPIC.test(model)) return undefined;
    return `cannot tell which provider serves '${shortened(model)}': write it as provider/model, e.g. openai/${shortened(model)}`;
  }
  const written = model.slice(0, slash);
  if (model.length === slash + 1) return `expected provider/model, e.g. ${shortened(written)}/<model id>`;
  if (Object.hasOwn(PROVIDER_PREFIXES, written)) return undefined;
  if (written.startsWith('vertex_ai'))
    return `${written}/ (Vertex AI) is not supported yet; gemini/<model> serves Gemini with a Google AI Studio key (GEMINI_API_KEY)`;
  return (
    `provider '${shortened(written)}/' is not supported yet; supported: ${Object.keys(PROVIDER_PREFIXES)
      .map((p) => `${p}/`)
      .join(', ')}. ` + 'A server speaking OpenAI’s API works as openai/<model> with its api_base'
  );
}

/** The provider serving `model` (checked with `unservedReason` first); `openai/` with another server's `apiBase` is `openai-compatible`. */
export function modelTarget(model: string, apiBase: string | undefined): ModelTarget {
  const slash = model.indexOf('/');
  if (slash === -1) {
    const written = BARE_ANTHROPIC.test(model) ? 'anthropic' : 'openai';
    return { model, prefix: PROVIDER_PREFIXES[written] as ProviderPrefix, providerModel: model, written };
  }
  const written = model.slice(0, slash);
  const providerModel = model.slice(slash + 1);
  if (written === 'openai' && apiBase !== undefined && !isOpenAIHost(apiBase)) return { model, prefix: OPENAI_COMPATIBLE, providerModel, written };
  return { model, prefix: PROVIDER_PREFIXES[written] as ProviderPrefix, providerModel, written };
}

function isOpenAIHost(url: string): boolean {
  return URL.canParse(url) && new URL(url).hostname === 'api.openai.com';
}
