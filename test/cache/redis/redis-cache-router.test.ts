import { Redis } from 'ioredis';
import type { ChatCompletionRequest } from 'switchyard';
import { afterAll, expect, it } from 'vitest';
import { RedisCacheStore } from '../../../src/redis.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { record } from '../../support/events.js';
import { startFleet, stopEveryFleet, type FleetJob } from '../../support/fleet/fleet.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, openAICompletion } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { describeIf } from '../../support/redis/gated-describe.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';
import { RedisServerProcess, redisServerInstalled } from '../../support/redis/redis-server-process.js';
import { testRouter } from '../../support/routers.js';

const describeRedis = await redisDescribe();
const describeWithRedisServer = describeIf(redisServerInstalled(), 'redis-server is not installed: skipped outside CI (apt-get install redis-server)');

/** Spawning node with tsx, or bringing a killed Redis back, takes seconds on a loaded machine: bounds end real hangs, they time nothing. */
const BOUND = { boundMs: 60_000 };
const HANG_BOUND_MS = 10_000;

afterAll(stopEveryFleet);

const ask = (): ChatCompletionRequest & { stream?: false } => ({ model: 'chat', messages: [{ role: 'user', content: 'What is the capital of France?' }] });
/** Priced, so the router has no warning of its own to give (a model without a price gets one). */
const PRICING = { inputPerMTok: 1, outputPerMTok: 1 };
const deploymentOn = (server: MockProviderServer) => ({ model: 'chat', provider: 'openai', id: 'a', baseUrl: server.url, apiKey: 'sk-test', pricing: PRICING });

/** How many answers the cache holds under `prefix` on the Redis at `url`. */
async function cachedAnswers(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  try {
    return (await redis.keys(`{${prefix}}cache:*`)).length;
  } finally {
    redis.disconnect();
  }
}

/** Resolves once `check` resolves true, trying again on every turn; rejects after HANG_BOUND_MS. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const giveUpAt = Date.now() + HANG_BOUND_MS;
  while (!(await check().catch(() => false))) {
    if (Date.now() > giveUpAt) throw new Error(`still not ${what} after ${HANG_BOUND_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeRedis('the Redis response cache shared by routers in two processes', () => {
  it('answers the second process from what the first stored: the provider is called once', { timeout: 2 * BOUND.boundMs }, async () => {
    const server = await mockServer(json(openAICompletion('Paris')));
    const prefix = uniquePrefix('cache-fleet');
    afterThisTest(async () => void (await deleteKeys(REDIS_URL, `{${prefix}}*`)));
    const job: FleetJob = {
      state: 'memory',
      cacheStore: 'redis',
      redisUrl: REDIS_URL,
      prefix,
      routerOptions: { deployments: [deploymentOn(server)], cache: { ttlMs: 60_000 } },
      model: 'chat',
      calls: 1,
      concurrency: 1,
    };
    for (const worker of [1, 2]) {
      const fleet = await startFleet([job], BOUND);
      afterThisTest(() => fleet.stopAll());
      fleet.go();
      const [result] = await fleet.results();
      expect(result, `worker ${worker}`).toMatchObject({ served: 1, failures: {} });
      expect(server.calls, `provider calls after worker ${worker}`).toHaveLength(1);
      expect(await cachedAnswers(REDIS_URL, prefix), `answers cached after worker ${worker}`).toBe(1);
    }
  });
});

describeWithRedisServer('a router whose Redis response cache goes away', () => {
  it('serves every call from the provider with one warning while Redis is down, and hits again once it is back', { timeout: 60_000 }, async () => {
    const redis = await RedisServerProcess.start();
    afterThisTest(() => redis.stop());
    const prefix = uniquePrefix('cache-outage');
    const store = new RedisCacheStore({ redis: redis.url, prefix });
    afterThisTest(() => store.close());
    const server = await mockServer(json(openAICompletion('Paris')));
    const router = testRouter({ deployments: [deploymentOn(server)], cache: { store, ttlMs: 60_000 } });
    const events = record(router, 'success', 'warning');
    const hits = () => events.success.filter((e) => e.cacheHit).length;
    // The router writes an answer in the background: the next call hits once it is there.
    const stored = () => eventually(async () => (await cachedAnswers(redis.url, prefix)) === 1, 'stored');

    await router.completion(ask());
    await stored();
    expect((await router.completion(ask())).choices[0]?.message.content).toBe('Paris');
    expect([server.calls.length, hits()]).toEqual([1, 1]);

    await redis.kill();
    for (let i = 0; i < 3; i++) expect((await router.completion(ask())).choices[0]?.message.content).toBe('Paris');
    expect([server.calls.length, hits()]).toEqual([4, 1]);
    expect(events.warning).toHaveLength(1);
    expect(events.warning[0]?.message).toMatch(/response cache/);

    await redis.restart();
    await eventually(() => store.get('probe').then(() => true), 'reconnected');
    await router.completion(ask());
    await stored();
    await router.completion(ask());
    expect([server.calls.length, hits()]).toEqual([5, 2]);
    expect(events.warning).toHaveLength(1);
  });
});
