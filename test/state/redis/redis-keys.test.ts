import { Redis } from 'ioredis';
import type { Router } from 'switchyard';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MockReply } from '../../support/mock-replies.js';
import { failing, ok } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';
import { ask, CALL_USD, eventually, pricedDeployment, testStore, warmRouter } from './redis-store-fixtures.js';

const describeRedis = await redisDescribe();

const MINUTE_COUNTER = /^c:(rpm#\d+|tpm#\d+|deployment-rpm|deployment-tpm):/;
/** All-time spend (`spend:<scope>:<id>`, no `@period`) and the circuits hash are kept for ever; nothing else is. */
const KEPT_FOR_EVER = /^(c:spend:|circuits$)/;

describeRedis('RedisStateStore keys', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  const newPrefix = (label: string) => {
    const prefix = uniquePrefix(label);
    prefixes.push(prefix);
    return prefix;
  };
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(REDIS_URL, `{${prefix}}*`);
    redis?.disconnect();
  });

  /** Every key under the prefix, by its name after `{prefix}`, with its PTTL. */
  async function keysOf(prefix: string): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 500);
      for (const key of keys) found.set(key.slice(prefix.length + 2), await redis.pttl(key));
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  it('after calls under caller limits, deployment rpm/tpm and budgets, only all-time spend and circuits live for ever', async () => {
    const prefix = newPrefix('keys');
    const provider = await mockServer(ok());
    const state = await testStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000, onUnavailable: 'deny' });
    const router = await warmRouter({
      deployments: [pricedDeployment(provider, 'a', { rpm: 1_000, tpm: 1_000_000 })],
      limits: [{ scope: 'user', rpm: 100, tpm: 100_000 }],
      budgets: [
        { scope: 'user', maxUsd: 1_000, period: '1d' },
        { scope: 'global', maxUsd: 1_000 },
      ],
      state,
    });
    for (let i = 0; i < 3; i++) await ask(router);
    await state.flush();

    const keys = await keysOf(prefix);
    const names = [...keys.keys()].sort();
    expect(names).toEqual(
      expect.arrayContaining(['c:spend:user:alice', 'c:deployment-rpm:a', 'c:deployment-tpm:a', 'c:rpm#0:user:alice', 'c:tpm#0:user:alice', 'circuits']),
    );
    expect(names.some((name) => name.startsWith('c:spend@1d:user:alice'))).toBe(true);
    for (const [name, pttl] of keys) {
      if (KEPT_FOR_EVER.test(name)) expect(pttl, `${name} is kept for ever`).toBe(-1);
      else expect(pttl, `${name} expires`).toBeGreaterThan(0);
      if (MINUTE_COUNTER.test(name)) expect(pttl, `${name} lives at most its minute and a minute of grace`).toBeLessThanOrEqual(120_000);
    }

    // Holds are given back when their calls end.
    const holds = names.filter((name) => name.startsWith('h:'));
    for (const name of holds) expect(await redis.zcard(`{${prefix}}${name}`), `${name} holds nothing`).toBe(0);
    const reserved = names.filter((name) => name.startsWith('c:reserved'));
    expect(reserved.length).toBeGreaterThan(0);
    for (const name of reserved) expect(Number(await redis.hget(`{${prefix}}${name}`, 'v')), `${name} is back to 0`).toBeCloseTo(0, 9);
  });

  it("a half-open deployment's probe key lives while the probe is in flight, with a TTL, and is gone once it ends", async () => {
    const prefix = newPrefix('probe');
    const provider = await mockServer(ok());
    let answerProbe: (reply: MockReply) => void = () => {};
    provider.reply(failing(500), { kind: 'held', reply: new Promise((resolve) => (answerProbe = resolve)) });
    const state = await testStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000, onUnavailable: 'deny' });
    const router = await warmRouter({
      deployments: [pricedDeployment(provider, 'a')],
      cooldown: { allowedFails: 1, cooldownMs: 200 },
      retries: { max: 0 },
      state,
    });
    await expect(ask(router)).rejects.toThrow();
    const reopensAt = state.getCircuit('a')?.reopensAt ?? 0;
    expect(state.getCircuit('a')?.open).toBe(true);
    await eventually('the cooldown is over', () => Date.now() > reopensAt);

    const probe = ask(router);
    await eventually('the probe reached the provider', () => provider.calls.length === 2);
    expect(await redis.pttl(`{${prefix}}p:a`)).toBeGreaterThan(0);

    answerProbe(ok());
    await probe;
    await state.flush();
    expect(await redis.exists(`{${prefix}}p:a`)).toBe(0);
    expect([...(await keysOf(prefix)).keys()].filter((name) => name.startsWith('p:'))).toEqual([]);
  });

  // Fails today: see the report. The release of a hold is queued, and the caller's next claim reaches Redis first.
  it("a budget hold is given back when its call ends: the same caller's next calls see the budget's whole room", async () => {
    const prefix = newPrefix('hold-back');
    const provider = await mockServer(ok());
    const state = await testStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000, onUnavailable: 'deny' });
    // Each call holds about $0.11 (100 answer tokens at most) and costs $0.021: three fit in $0.15 one after the other.
    const router = await warmRouter({ deployments: [pricedDeployment(provider, 'a')], budgets: [{ scope: 'user', maxUsd: 0.15, period: '1d' }], state });
    const outcomes: unknown[] = [];
    for (let i = 0; i < 3; i++)
      outcomes.push(
        await smallCall(router).then(
          () => 'served',
          (error: unknown) => error,
        ),
      );
    expect(outcomes).toEqual(['served', 'served', 'served']);
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ spentUsd: expect.closeTo(3 * CALL_USD, 9), reservedUsd: 0 });
  });
});

function smallCall(router: Router) {
  return router.completion({ model: 'chat', messages: [{ role: 'user', content: 'hi' }], max_tokens: 100 }, { user: 'alice' });
}
