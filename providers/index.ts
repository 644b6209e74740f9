import type { ProviderAdapter } from '../src/provider-adapter.js';
import { anthropicProvider } from './anthropic/anthropic-provider.js';
import { azureProvider } from './azure/azure-provider.js';
import { bedrockProvider } from './bedrock/bedrock-provider.js';
import { cohereProvider } from './cohere/cohere-provider.js';
import { geminiProvider } from './gemini/gemini-provider.js';
import { mockProvider } from './mock/mock-provider.js';
import { openAICompatibleProviders } from './openai-compatible/openai-compatible-provider.js';
import { openAIProvider } from './openai/openai-provider.js';

/** Every provider a router knows without being told. */
export const BUILT_IN_PROVIDERS: readonly ProviderAdapter[] = [
  openAIProvider,
  anthropicProvider,
  azureProvider,
  geminiProvider,
  cohereProvider,
  bedrockProvider,
  ...openAICompatibleProviders,
  mockProvider,
];
