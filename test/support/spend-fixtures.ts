import type { MockProviderServer } from './mock-provider-server.js';
import { json, openAICompletion, type MockUsage } from './mock-replies.js';
import { mockServer } from './mock-servers.js';

/** A server answering every call with this usage. */
export async function billingServer(usage: MockUsage): Promise<MockProviderServer> {
  return mockServer(json(openAICompletion('ok', usage)));
}

/** Prices in USD per million tokens that make the arithmetic easy: $1 per 1,000 output tokens, input free. */
export const EASY_PRICES = { inputPerMTok: 0, outputPerMTok: 1_000 };
