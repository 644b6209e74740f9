import { Redis } from 'ioredis';
import type { ChatCompletionRequest } from 'switchyard';
import { afterAll, expect, it } from 'vitest';
import { RedisCacheStore } from '../../../src/redis.js';
import type { RecordedCall } from '../../support/mock-provider-server.js';
import { json, openAICompletion } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';
import { testRouter } from '../../support/routers.js';

const describeRedis = await redisDescribe();

const VECTORS: Record<string, number[]> = {
  'What is the capital of France?': [1, 0, 0],
  "What's France's capital city?": [0.99, 0.141, 0],
};

function embeddingsOf(call: RecordedCall) {
  const input = (call.body as { input: string | string[] }).input;
  const texts = Array.isArray(input) ? input : [input];
  const data = texts.map((text, index) => ({ object: 'embedding', index, embedding: VECTORS[text] ?? [0, 0, 1] }));
  return json({ object: 'list', data, model: 'text-embedding-3-small', usage: { prompt_tokens: 6, total_tokens: 6 } });
}

const asking = (question: string): ChatCompletionRequest & { stream?: false } => ({
  model: 'chat',
  messages: [
    { role: 'system', content: 'You answer geography questions.' },
    { role: 'user', content: question },
  ],
});

describeRedis('the semantic cache on RedisCacheStore', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(REDIS_URL, `{${prefix}}*`);
  });

  it('shares its questions: a router answers a paraphrase of a question another router (with its own store) was asked', async () => {
    const prefix = uniquePrefix('semantic');
    prefixes.push(prefix);
    const chat = await mockServer(json(openAICompletion('Paris')));
    const embed = await mockServer(embeddingsOf);
    const routerOn = (store: RedisCacheStore) =>
      testRouter({
        deployments: [
          { model: 'chat', provider: 'openai', baseUrl: chat.url, apiKey: 'sk-test' },
          { model: 'embed', provider: 'openai', providerModel: 'text-embedding-3-small', baseUrl: embed.url, apiKey: 'sk-test' },
        ],
        cache: { store, semantic: { embeddingModel: 'embed', threshold: 0.95 } },
      });
    const stores = [
      new RedisCacheStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000 }),
      new RedisCacheStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000 }),
    ];
    try {
      const [first, second] = stores.map(routerOn) as [ReturnType<typeof routerOn>, ReturnType<typeof routerOn>];
      await first.completion(asking('What is the capital of France?'));
      // The question is added in the background: wait until it is in Redis.
      const redis = new Redis(REDIS_URL);
      try {
        await expect.poll(async () => (await redis.keys(`{${prefix}}cache-q:*`)).length, { timeout: 5_000, interval: 20 }).toBe(1);
      } finally {
        redis.disconnect();
      }
      const hit = await second.completion(asking("What's France's capital city?"));
      expect(hit.choices[0]?.message.content).toBe('Paris');
      expect(chat.calls).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
