import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { StateStoreUnavailableError, type Router } from 'switchyard';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { record } from '../../support/events.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { openAICompletion } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { describeIf } from '../../support/redis/gated-describe.js';
import { uniquePrefix } from '../../support/redis/redis-gate.js';
import { RedisServerProcess, redisServerInstalled } from '../../support/redis/redis-server-process.js';
import { ask, CALL_USD, eventually, pricedDeployment, testStore, warmRouter } from './redis-store-fixtures.js';

const describeWithRedisServer = describeIf(redisServerInstalled(), 'redis-server is not installed: skipped outside CI (apt-get install redis-server)');

/** Far past commandTimeoutMs (100) and the mock's 5 ms: a call this slow waited on Redis. */
const CALL_BOUND_MS = 5_000;
/** A killed or paused Redis costs seconds to come back on a loaded machine: the bound ends real hangs only. */
const TEST_BOUND = { timeout: 60_000 };

/** Calls `router` as alice `count` times, `lanes` at once; each must end within CALL_BOUND_MS. Returns how each ended. */
async function callsBounded(router: Router, count: number, lanes = 1, between?: (ended: number) => Promise<void> | void): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      const begun = performance.now();
      const outcome = await ask(router).then(
        () => 'served',
        (error: unknown) => error,
      );
      expect(performance.now() - begun, 'a call waited on Redis').toBeLessThan(CALL_BOUND_MS);
      outcomes.push(outcome);
      await between?.(outcomes.length);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcomes;
}

describeWithRedisServer('RedisStateStore when its Redis fails', () => {
  let redisServer: RedisServerProcess;
  let observer: Redis;
  beforeAll(async () => {
    redisServer = await RedisServerProcess.start();
    observer = new Redis(redisServer.url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    observer.on('error', () => undefined);
  }, 20_000);
  afterEach(async () => {
    // Every test starts on a running Redis, whatever the last one left.
    if ((await observer.ping().catch(() => 'down')) !== 'PONG') await redisServer.restart();
  });
  afterAll(async () => {
    observer?.disconnect();
    await redisServer?.stop();
  });

  const userSpendInRedis = async (prefix: string) => Number((await observer.hget(`{${prefix}}c:spend:user:alice`, 'v')) ?? 0);

  async function setUp(onUnavailable: 'allow' | 'deny'): Promise<{ prefix: string; provider: MockProviderServer; router: Router }> {
    const prefix = uniquePrefix(`faults-${onUnavailable}`);
    const provider = await mockServer({ kind: 'json', body: openAICompletion('ok'), delayMs: 5 });
    const state = await testStore({ redis: redisServer.url, prefix, onUnavailable, commandTimeoutMs: 100 });
    const router = await warmRouter({
      deployments: [pricedDeployment(provider, 'a')],
      limits: [{ scope: 'user', rpm: 10_000 }],
      budgets: [{ scope: 'user', maxUsd: 1_000, period: '1d' }],
      state,
    });
    return { prefix, provider, router };
  }

  it(
    'allow: Redis killed mid-run, every call is served without waiting on it; once it is back, the spend made meanwhile is written there',
    TEST_BOUND,
    async () => {
      const { prefix, provider, router } = await setUp('allow');
      const seen = record(router, 'state', 'warning');

      let killing: Promise<void> | undefined;
      const midRun = await callsBounded(router, 30, 3, (ended) => {
        if (ended === 10) killing = redisServer.kill();
      });
      await killing;
      expect(midRun).toEqual(Array(30).fill('served'));

      const away = await callsBounded(router, 5);
      expect(away).toEqual(Array(5).fill('served'));
      expect(provider.calls).toHaveLength(35);
      expect(seen.state).toContainEqual(expect.objectContaining({ available: false }));
      expect(seen.warning.some((w) => /shared state store does not answer/.test(w.message))).toBe(true);

      await redisServer.restart();
      await eventually('a state event says Redis is back', () => seen.state.some((s) => s.available));
      // The restarted server starts empty: what reached the killed one is gone with it. What could not reach it is written now.
      await eventually('the spend made while Redis was away is in Redis', async () => (await userSpendInRedis(prefix)) >= 5 * CALL_USD - 1e-9);
      const writtenBack = await userSpendInRedis(prefix);
      expect(writtenBack).toBeLessThanOrEqual(35 * CALL_USD + 1e-9);

      expect(await callsBounded(router, 2)).toEqual(['served', 'served']);
      await eventually('the calls after the return are added', async () => Math.abs((await userSpendInRedis(prefix)) - (writtenBack + 2 * CALL_USD)) < 1e-9);
    },
  );

  it('allow: the exact spend of the calls made while Redis was away reaches it when it is back', TEST_BOUND, async () => {
    const { prefix, router } = await setUp('allow');
    expect(await callsBounded(router, 2)).toEqual(['served', 'served']);
    await eventually('the first calls are written', async () => Math.abs((await userSpendInRedis(prefix)) - 2 * CALL_USD) < 1e-9);

    await redisServer.kill();
    expect(await callsBounded(router, 4)).toEqual(Array(4).fill('served'));
    await redisServer.restart();

    await eventually('the four calls made while away are in Redis', async () => Math.abs((await userSpendInRedis(prefix)) - 4 * CALL_USD) < 1e-9);
    // The router's view follows Redis: the two calls before the kill went with the killed server's data.
    await eventually('the router reads the spend Redis holds', () => Math.abs(router.spend({ scope: 'user', id: 'alice' }).spentUsd - 4 * CALL_USD) < 1e-9);
  });

  it(
    'deny: while Redis is away calls fail with StateStoreUnavailableError (503) before any provider call; once it is back they are served',
    TEST_BOUND,
    async () => {
      const { provider, router } = await setUp('deny');
      const seen = record(router, 'state', 'warning');
      expect(await callsBounded(router, 2)).toEqual(['served', 'served']);

      await redisServer.kill();
      const away = await callsBounded(router, 3);
      for (const outcome of away) {
        expect(outcome).toBeInstanceOf(StateStoreUnavailableError);
        expect(outcome).toMatchObject({ status: 503 });
      }
      expect(provider.calls).toHaveLength(2);
      expect(seen.state).toContainEqual(expect.objectContaining({ available: false }));
      expect(seen.warning.some((w) => /StateStoreUnavailableError/.test(w.message))).toBe(true);

      await redisServer.restart();
      await eventually('a state event says Redis is back', () => seen.state.some((s) => s.available));
      expect(await callsBounded(router, 2)).toEqual(['served', 'served']);
      expect(provider.calls).toHaveLength(4);
    },
  );

  it('allow: a Redis that stops answering (CLIENT PAUSE) is not waited on; calls are served and counted there once it answers', TEST_BOUND, async () => {
    const { prefix, provider, router } = await setUp('allow');
    const seen = record(router, 'state');
    expect(await callsBounded(router, 2)).toEqual(['served', 'served']);
    await eventually('the first calls are written', async () => Math.abs((await userSpendInRedis(prefix)) - 2 * CALL_USD) < 1e-9);

    // Far longer than any call may take: a call that waited for Redis would fail its bound. WRITE pauses the scripts
    // (and not the observer's UNPAUSE, which ALL would hold too); PINGs still answer, so the store may come and go meanwhile.
    await observer.call('CLIENT', 'PAUSE', '30000', 'WRITE');
    let paused: unknown[];
    try {
      paused = await callsBounded(router, 5);
    } finally {
      await observer.call('CLIENT', 'UNPAUSE');
    }
    expect(paused).toEqual(Array(5).fill('served'));
    expect(provider.calls).toHaveLength(7);
    expect(seen.state).toContainEqual(expect.objectContaining({ available: false }));

    await eventually('a state event says Redis is back', () => seen.state.at(-1)?.available === true);
    await eventually('the calls made while it was paused are counted', async () => Math.abs((await userSpendInRedis(prefix)) - 7 * CALL_USD) < 1e-9);
  });
});
