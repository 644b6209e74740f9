import { setImmediate as nextTurn } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { BudgetExceededError, CallerRateLimitError, Router, type RouterOptions } from 'switchyard';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rejectionOf } from '../../support/errors.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ok } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';
import type { RedisStateStore } from '../../../src/redis.js';
import { CALL_USD, pricedDeployment, testStore } from './redis-store-fixtures.js';

const describeRedis = await redisDescribe();

/** 12 answer tokens at most: each call holds about what it costs (CALL_USD). */
const call = (router: Router, user = 'alice') =>
  rejectionOf(router.completion({ model: 'chat', messages: [{ role: 'user', content: 'hi' }], max_tokens: 12 }, { user }));

describeRedis('budgets and limits set at run time, on one Redis', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(REDIS_URL, `{${prefix}}*`);
    redis?.disconnect();
  });

  /** Two stores on one fresh prefix, and a router on each over one mock provider, both on fake clocks at the same instant. */
  async function twoRouters(label: string, options: Partial<RouterOptions> = {}) {
    const prefix = uniquePrefix(label);
    prefixes.push(prefix);
    const provider = await mockServer(ok());
    const stores: RedisStateStore[] = [];
    const routers: Router[] = [];
    for (let i = 0; i < 2; i++) {
      const state = await testStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000, onUnavailable: 'deny' });
      const router = new Router({
        deployments: [pricedDeployment(provider, 'a')],
        state,
        clock: new FakeClock(Date.parse('2026-11-21T10:00:15Z')),
        ...options,
      });
      afterThisTest(() => router.close());
      stores.push(state);
      routers.push(router);
    }
    const counter = async (name: string) => Number(await redis.hget(`{${prefix}}c:${name}`, 'v'));
    return { provider, stores, routers: routers as [Router, Router], counter };
  }

  /** Sets the rules on every router, then warms them: the tokenizer's first load must not fall inside a Redis command. */
  async function onEvery(routers: readonly Router[], set: (router: Router) => void): Promise<void> {
    for (const router of routers) {
      set(router);
      await router.warmup();
    }
  }

  it('a budget set at run time on both routers refuses on one once the other spent it', async () => {
    const { routers, provider } = await twoRouters('rt-budget');
    const [a, b] = routers;
    await onEvery(routers, (router) => router.setBudget({ scope: 'user', id: 'alice', maxUsd: 0.03 }));
    expect(await call(a)).toBeUndefined();
    expect(await call(b)).toBeInstanceOf(BudgetExceededError);
    expect(await call(b, 'bob')).toBeUndefined();
    expect(provider.calls).toHaveLength(2);

    await onEvery(routers, (router) => router.setBudget({ scope: 'user', id: 'alice', maxUsd: 1 }));
    expect(await call(b)).toBeUndefined();
  });

  it('an rpm set at run time admits exactly that many calls in the minute across both; changing it keeps the count', async () => {
    const { routers } = await twoRouters('rt-limit');
    const [a, b] = routers;
    await onEvery(routers, (router) => router.setLimit({ scope: 'user', id: 'alice', rpm: 3 }));
    expect([await call(a), await call(a), await call(b)]).toEqual([undefined, undefined, undefined]);
    expect(await call(b)).toBeInstanceOf(CallerRateLimitError);
    expect(await call(a)).toBeInstanceOf(CallerRateLimitError);

    await onEvery(routers, (router) => router.setLimit({ scope: 'user', id: 'alice', rpm: 5 }));
    expect([await call(b), await call(a)]).toEqual([undefined, undefined]);
    expect(await call(b)).toMatchObject({ limitName: 'rpm', limit: 5 });

    await onEvery(routers, (router) => router.removeLimit({ scope: 'user', id: 'alice' }));
    expect(await call(a)).toBeUndefined();
  });

  it("spend one router restores refuses the other's calls", async () => {
    const { routers, counter } = await twoRouters('rt-restore-refuses');
    const [a, b] = routers;
    await onEvery(routers, (router) => router.setBudget({ scope: 'apiKeyId', id: 'k1', maxUsd: 0.03 }));
    await a.restoreSpend({ scope: 'apiKeyId', id: 'k1' }, () => 0.03);
    expect(a.spend({ scope: 'apiKeyId', id: 'k1' }).spentUsd).toBe(0.03);
    expect(await counter('spend:apiKeyId:k1')).toBe(0.03);
    const refused = await rejectionOf(b.completion({ model: 'chat', messages: [{ role: 'user', content: 'hi' }], max_tokens: 12 }, { apiKeyId: 'k1' }));
    expect(refused).toMatchObject({ name: 'BudgetExceededError', scope: 'apiKeyId', scopeId: 'k1' });
  });

  it('two routers restoring one value at once raise it once, to the highest answer, never lowering it', async () => {
    const { routers, stores, counter } = await twoRouters('rt-restore-race', { budgets: [{ scope: 'user', maxUsd: 10, period: '1d' }] });
    const [a, b] = routers;
    await a.warmup();
    await b.warmup();
    expect(await call(a)).toBeUndefined();
    await stores[0]?.flush();
    expect(await counter('spend:user:alice')).toBeCloseTo(CALL_USD, 9);

    const asked: string[] = [];
    const records = async (since: Date) => {
      asked.push(since.toISOString());
      await nextTurn();
      return since.getTime() === 0 ? 0.5 : 0.2;
    };
    await Promise.all([a.restoreSpend({ scope: 'user', id: 'alice' }, records), b.restoreSpend({ scope: 'user', id: 'alice' }, records)]);
    expect(asked.sort()).toEqual(['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '2026-11-21T00:00:00.000Z', '2026-11-21T00:00:00.000Z']);
    expect(await counter('spend:user:alice')).toBe(0.5);
    expect(await counter('spend@1d:user:alice')).toBe(0.2);
    expect(a.spend({ scope: 'user', id: 'alice' }).spentUsd).toBe(0.2);
    expect(b.spend({ scope: 'user', id: 'alice' }).spentUsd).toBe(0.2);

    await b.restoreSpend({ scope: 'user', id: 'alice' }, () => 0.1);
    expect(await counter('spend:user:alice')).toBe(0.5);
    expect(await counter('spend@1d:user:alice')).toBe(0.2);
    expect(b.spend({ scope: 'user', id: 'alice' }).spentUsd).toBe(0.2);
  });
});
