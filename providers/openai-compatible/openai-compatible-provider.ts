import type { ProviderAdapter } from '../../src/provider-adapter.js';
import { openAIChatAdapter } from '../openai/openai-provider.js';
import { openAIEmbedAdapter } from '../openai/openai-embeddings.js';
import { OPENAI_COMPATIBLE_PRESETS, type OpenAICompatiblePreset } from './openai-compatible-presets.js';

export function openAICompatibleProvider(preset: OpenAICompatiblePreset): ProviderAdapter {
  return {
    name: preset.name,
    defaultBaseUrl: preset.defaultBaseUrl,
    priceTableProvider: preset.priceTableProvider,
    freeOfCharge: preset.freeOfCharge,
    apiKeyEnv: preset.apiKeyEnv,
    apiKeyRequired: preset.apiKeyRequired,
    chat: openAIChatAdapter({ streamUsage: preset.streamUsage, dropReasoningFromHistory: preset.dropReasoningFromHistory }),
    embed: openAIEmbedAdapter({ streamUsage: preset.streamUsage }),
  };
}

export const openAICompatibleProviders: ProviderAdapter[] = OPENAI_COMPATIBLE_PRESETS.map(openAICompatibleProvider);
