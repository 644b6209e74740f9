/** Switchyard's provider names whose `gen_ai.provider.name` differs; the rest are used as they are. */
const SEMCONV_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  azure: 'azure.ai.openai',
  bedrock: 'aws.bedrock',
  gemini: 'gcp.gemini',
  mistral: 'mistral_ai',
  xai: 'x_ai',
};

export function genAiProviderName(provider: string): string {
  return SEMCONV_PROVIDER_NAMES[provider] ?? provider;
}
