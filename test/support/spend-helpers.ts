import { Router, type DeploymentConfig, type RouterOptions } from 'switchyard';
import { afterThisTest, mockServer } from './helpers.js';
import type { MockProviderServer } from './mock-provider-server.js';
import { json, openAICompletion, type MockUsage } from './mock-replies.js';

/** A server answering every call with this usage. */
export async function billingServer(usage: MockUsage): Promise<MockProviderServer> {
  return mockServer(json(openAICompletion('ok', usage)));
}

/** An OpenAI deployment of `model` (no pricing: prices come from the table) on a mock server. */
export function openAIDeployment(server: MockProviderServer, model = 'gpt-4o-mini', extra: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return { model, provider: 'openai', apiKey: 'sk-test', baseUrl: server.url, ...extra };
}

export function routerWith(options: RouterOptions): Router {
  const router = new Router(options);
  afterThisTest(() => router.close());
  return router;
}

/** Prices in USD per million tokens that make the arithmetic easy: $1 per 1,000 output tokens, input free. */
export const EASY_PRICES = { inputPerMTok: 0, outputPerMTok: 1_000 };
