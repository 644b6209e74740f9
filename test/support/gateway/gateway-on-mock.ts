import OpenAI from 'openai';
import type { DeploymentConfig, Router, RouterOptions } from 'switchyard';
import { createGateway, type Gateway, type GatewayOptions } from 'switchyard/server';
import { afterThisTest } from '../after-this-test.js';
import type { MockProviderServer, MockScript, RecordedCall } from '../mock-provider-server.js';
import { json, openAICompletion, openAIEmbeddings, openAIStreamEvents, sse, type MockReply } from '../mock-replies.js';
import { mockServer } from '../mock-servers.js';
import { testRouter } from '../routers.js';

export const MASTER_KEY = 'sk-master-key-for-tests';
/** The provider key the deployments send upstream: no gateway answer may show it. */
export const PROVIDER_KEY = 'sk-provider-secret-1234';
export const CHAT_MODEL = 'gpt-4o-mini';
export const EMBEDDING_MODEL = 'text-embedding-3-small';

/** The pieces a streamed answer of the default script is made of. */
export const STREAM_PIECES = ['Hello', ' from', ' the', ' mock'];

/** OpenAI's embeddings answer, its vectors as base64 float32 when the request asks for that encoding (the openai SDK does by default). */
function embeddingsAnswer(body: { input?: unknown; encoding_format?: string } | undefined) {
  const answer = openAIEmbeddings(Array.isArray(body?.input) ? body.input.length : 1);
  if (body?.encoding_format !== 'base64') return answer;
  const data = answer.data.map((item) => ({ ...item, embedding: Buffer.from(new Float32Array(item.embedding).buffer).toString('base64') }));
  return { ...answer, data };
}

/** Answers as OpenAI would: embeddings for `/embeddings`, a stream when asked for one, else a JSON completion. */
export function openAIScript(call: RecordedCall): MockReply {
  const body = call.body as { stream?: boolean; input?: unknown; encoding_format?: string } | undefined;
  if (call.path.endsWith('/embeddings')) return json(embeddingsAnswer(body));
  if (body?.stream === true) return sse(openAIStreamEvents(STREAM_PIECES));
  return json(openAICompletion('Hello from the mock'));
}

export interface GatewayOnMockOptions {
  /** Router options beside its deployments. */
  router?: Omit<RouterOptions, 'deployments'>;
  /** Added to the chat deployment. */
  chat?: Partial<DeploymentConfig>;
  gateway?: Partial<GatewayOptions>;
  script?: MockScript;
}

export interface GatewayOnMock {
  mock: MockProviderServer;
  router: Router;
  gateway: Gateway;
  /** Where the gateway listens, e.g. http://127.0.0.1:40123 */
  url: string;
  /** The official SDK on the gateway with the master key, no retries. */
  openai: OpenAI;
}

/** The deployments of a gateway test: a chat model and an embedding model, both on the mock server. */
export function mockDeployments(mock: MockProviderServer, chat: Partial<DeploymentConfig> = {}): DeploymentConfig[] {
  return [
    { model: CHAT_MODEL, provider: 'openai', apiKey: PROVIDER_KEY, baseUrl: mock.url, ...chat },
    { model: EMBEDDING_MODEL, provider: 'openai', apiKey: PROVIDER_KEY, baseUrl: mock.url },
  ];
}

/** A mock provider, a router on it, and a gateway in front listening on loopback; all closed after the test. */
export async function gatewayOnMock(options: GatewayOnMockOptions = {}): Promise<GatewayOnMock> {
  const mock = await mockServer(options.script ?? openAIScript);
  const router = testRouter({ ...options.router, deployments: mockDeployments(mock, options.chat) });
  const gateway = await createGateway({ router, masterKey: MASTER_KEY, ...options.gateway });
  afterThisTest(() => gateway.close());
  const { url } = await gateway.listen({ port: 0 });
  return { mock, router, gateway, url, openai: sdkClient(`${url}/v1`) };
}

/** The official OpenAI SDK on a base URL, no retries (a test sees the first answer). */
export function sdkClient(baseURL: string, apiKey = MASTER_KEY): OpenAI {
  return new OpenAI({ baseURL, apiKey, maxRetries: 0 });
}

/** A chat request body. */
export function chatBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: CHAT_MODEL, messages: [{ role: 'user', content: 'hi' }], ...extra };
}

/** POSTs JSON to the gateway with the master key (or the headers given). */
export function postJson(url: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${MASTER_KEY}` }): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
