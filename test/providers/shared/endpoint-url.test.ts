import { describe, expect, it } from 'vitest';
import type { DeploymentConfig, Router } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import { rejectionOf } from '../../support/errors.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { routerOnMockServer } from '../../support/routers.js';

const KEY = 'query-key-0123456789';

type Call = (router: Router) => Promise<unknown>;
const chat: Call = (router) => router.completion({ model: 'm', messages: hi });
const streamed: Call = async (router) => {
  for await (const chunk of await router.completion({ model: 'm', messages: hi, stream: true })) void chunk;
};
const embedding: Call = (router) => router.embedding({ model: 'm', input: 'text' });

/** Per adapter: a deployment whose base URL carries a query string, a call, and the path and query the server must receive. */
const cases: Array<[string, (server: MockProviderServer) => Omit<DeploymentConfig, 'model'>, Call, string]> = [
  ['openai', (s) => ({ provider: 'openai', apiKey: 'sk-test', baseUrl: `${s.url}?api_key=${KEY}` }), chat, `/v1/chat/completions?api_key=${KEY}`],
  [
    'openai, a trailing slash',
    (s) => ({ provider: 'openai', apiKey: 'sk-test', baseUrl: `${s.url}/?api_key=${KEY}` }),
    chat,
    `/v1/chat/completions?api_key=${KEY}`,
  ],
  ['openai embeddings', (s) => ({ provider: 'openai', apiKey: 'sk-test', baseUrl: `${s.url}?api_key=${KEY}` }), embedding, `/v1/embeddings?api_key=${KEY}`],
  ['groq, streamed', (s) => ({ provider: 'groq', apiKey: 'gsk-test', baseUrl: `${s.url}?key=${KEY}&x=1` }), streamed, `/v1/chat/completions?key=${KEY}&x=1`],
  [
    'azure resource endpoint',
    (s) => ({ provider: 'azure', providerModel: 'dep', apiKey: 'azure-key', baseUrl: `${s.origin}?sig=${KEY}` }),
    chat,
    `/openai/deployments/dep/chat/completions?sig=${KEY}&api-version=2024-10-21`,
  ],
  [
    'azure v1',
    (s) => ({ provider: 'azure', apiKey: 'azure-key', baseUrl: `${s.origin}/openai/v1?sig=${KEY}` }),
    chat,
    `/openai/v1/chat/completions?sig=${KEY}`,
  ],
  ['anthropic', (s) => ({ provider: 'anthropic', apiKey: 'sk-ant', baseUrl: `${s.origin}?k=${KEY}` }), chat, `/v1/messages?k=${KEY}`],
  ['cohere', (s) => ({ provider: 'cohere', apiKey: 'co-key', baseUrl: `${s.origin}/v2?k=${KEY}` }), chat, `/v2/chat?k=${KEY}`],
  ['cohere embeddings', (s) => ({ provider: 'cohere', apiKey: 'co-key', baseUrl: `${s.origin}/v2?k=${KEY}` }), embedding, `/v2/embed?k=${KEY}`],
  [
    'gemini',
    (s) => ({ provider: 'gemini', providerModel: 'g', apiKey: 'g-key', baseUrl: `${s.origin}/v1beta?key=${KEY}` }),
    chat,
    `/v1beta/models/g:generateContent?key=${KEY}`,
  ],
  [
    'gemini, streamed',
    (s) => ({ provider: 'gemini', providerModel: 'g', apiKey: 'g-key', baseUrl: `${s.origin}/v1beta?key=${KEY}` }),
    streamed,
    `/v1beta/models/g:streamGenerateContent?key=${KEY}&alt=sse`,
  ],
  [
    'gemini embeddings',
    (s) => ({ provider: 'gemini', providerModel: 'e', apiKey: 'g-key', baseUrl: `${s.origin}/v1beta?key=${KEY}` }),
    embedding,
    `/v1beta/models/e:batchEmbedContents?key=${KEY}`,
  ],
  [
    'bedrock',
    (s) => ({ provider: 'bedrock', providerModel: 'nova', apiKey: 'br-key', baseUrl: `${s.origin}?k=${KEY}` }),
    chat,
    `/model/nova/converse?k=${KEY}`,
  ],
  [
    'bedrock embeddings',
    (s) => ({ provider: 'bedrock', providerModel: 'amazon.titan-embed-text-v2:0', apiKey: 'br-key', baseUrl: `${s.origin}?k=${KEY}` }),
    embedding,
    `/model/amazon.titan-embed-text-v2%3A0/invoke?k=${KEY}`,
  ],
];

describe('a base URL with a query string', () => {
  for (const [name, deployment, call, expected] of cases) {
    it(`${name}: the endpoint path goes before the query`, async () => {
      const { server, router } = await routerOnMockServer({ kind: 'json', body: {}, status: 400 }, (s) => ({ model: 'm', ...deployment(s) }), { retries: 0 });
      await rejectionOf(call(router));
      expect(server.calls.map((c) => c.path)).toEqual([expected]);
    });
  }
});
