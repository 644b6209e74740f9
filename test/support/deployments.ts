import type { DeploymentConfig } from 'switchyard';
import type { MockProviderServer } from './mock-provider-server.js';

/** A deployment of model 'm' on the built-in mock provider (no HTTP). */
export function mockDeployment(id: string, extra: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return { model: 'm', provider: 'mock', id, ...extra };
}

/** An OpenAI deployment of `model` on a mock server (no pricing: prices come from the table). */
export function openAIDeployment(server: MockProviderServer, model = 'gpt-4o-mini', extra: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return { model, provider: 'openai', apiKey: 'sk-test', baseUrl: server.url, ...extra };
}
