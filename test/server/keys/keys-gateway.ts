import OpenAI from 'openai';
import type { DeploymentConfig, Router, RouterOptions } from 'switchyard';
import { createGateway, type Gateway } from '../../../src/server.js';
import { afterThisTest } from '../../support/after-this-test.js';
import type { MockProviderServer, MockScript, RecordedCall } from '../../support/mock-provider-server.js';
import { json, openAICompletion, openAIStreamEvents, sse, type MockReply } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';
import { EASY_PRICES } from '../../support/spend-fixtures.js';

export const MASTER_KEY = 'sk-master-key-for-key-tests';
export const CHAT_MODEL = 'gpt-4o-mini';
export const OTHER_MODEL = 'gpt-4o';

/** Every call answers 100 output tokens: $0.10 at the easy prices. */
export const TENTH_USAGE = { prompt_tokens: 10, completion_tokens: 100 };

export interface KeysGatewayOptions {
  database?: string;
  tablePrefix?: string;
  now?: () => number;
  keyRefreshMs?: number;
  spendLogFlushMs?: number;
  router?: Omit<RouterOptions, 'deployments'>;
  /** The provider every deployment calls; a new one answering $0.10 calls by default. */
  mock?: MockProviderServer;
  script?: MockScript;
}

export interface KeysGateway {
  url: string;
  router: Router;
  mock: MockProviderServer;
  gateway: Gateway;
  close(): Promise<void>;
}

/** Answers $0.10 calls as OpenAI would: a stream when asked for one, else JSON. */
export function tenthScript(call: RecordedCall): MockReply {
  if ((call.body as { stream?: boolean } | undefined)?.stream === true) return sse(openAIStreamEvents(['o', 'k'], TENTH_USAGE));
  return json(openAICompletion('ok', TENTH_USAGE));
}

/** Two chat models on the mock provider, priced so every call costs $0.10. */
export function pricedDeployments(mock: MockProviderServer): DeploymentConfig[] {
  return [CHAT_MODEL, OTHER_MODEL].map((model) => ({ model, provider: 'openai', apiKey: 'sk-provider-secret-1234', baseUrl: mock.url, pricing: EASY_PRICES }));
}

/** A gateway with virtual keys on its database, listening on loopback; closed after the test unless closed before. */
export async function keysGateway(options: KeysGatewayOptions = {}): Promise<KeysGateway> {
  const mock = options.mock ?? (await mockServer(options.script ?? tenthScript));
  const router = testRouter({ ...options.router, deployments: pricedDeployments(mock) });
  const { database, tablePrefix, now, keyRefreshMs, spendLogFlushMs } = options;
  const gateway = await createGateway({ router, masterKey: MASTER_KEY, database, tablePrefix, now, keyRefreshMs, spendLogFlushMs });
  afterThisTest(() => gateway.close());
  const { url } = await gateway.listen({ port: 0 });
  return { url, router, mock, gateway, close: () => gateway.close() };
}

/** The official OpenAI SDK on the gateway with this key, no retries. */
export function sdk(url: string, apiKey: string): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** The admin API over HTTP, with the master key unless another is given. */
export function adminClient(url: string, apiKey = MASTER_KEY) {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  return {
    post: async (path: string, body: unknown): Promise<Answer> =>
      answerOf(await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })),
    get: async (path: string): Promise<Answer> => answerOf(await fetch(`${url}${path}`, { headers })),
  };
}

/** A chat request of the SDK: `max_tokens` 100 makes the router reserve the $0.10 a call costs. */
export const chat = (model = CHAT_MODEL) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }], max_tokens: 100 });
