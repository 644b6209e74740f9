import type { DeploymentConfig } from 'switchyard';
import type { MockProviderServer } from '../../support/mock-provider-server.js';

/** Every recording is served to a deployment of this model name. */
export const RECORDED_MODEL = 'recorded';

const bedrockCredentials = { region: 'eu-central-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** A deployment of `provider` whose calls go to `server`, configured as README's provider table says. */
export function recordingDeployment(provider: string, server: MockProviderServer): DeploymentConfig {
  const base = { model: RECORDED_MODEL, provider, apiKey: 'test-key-0000' };
  switch (provider) {
    case 'azure':
      return { ...base, providerModel: 'my-model-router', baseUrl: server.origin };
    case 'anthropic':
      return { ...base, providerModel: 'claude-sonnet-4-5', baseUrl: server.origin };
    case 'gemini':
      return { ...base, providerModel: 'gemini-2.5-flash', baseUrl: `${server.origin}/v1beta` };
    case 'cohere':
      return { ...base, providerModel: 'command-a-03-2025', baseUrl: `${server.origin}/v2` };
    case 'bedrock':
      return { model: RECORDED_MODEL, provider, providerModel: 'eu.anthropic.claude-sonnet-4-6', baseUrl: server.origin, params: bedrockCredentials };
    default:
      return { ...base, baseUrl: server.url };
  }
}
