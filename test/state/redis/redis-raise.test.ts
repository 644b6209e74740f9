import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';
import { testStore } from './redis-store-fixtures.js';

const describeRedis = await redisDescribe();

const DAY_MS = 86_400_000;
const TODAY = Date.UTC(2026, 10, 21);

describeRedis('RedisStateStore raise', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(REDIS_URL, `{${prefix}}*`);
    redis?.disconnect();
  });

  async function store(label: string) {
    const prefix = uniquePrefix(label);
    prefixes.push(prefix);
    const state = await testStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000 });
    const stored = async (name: string) => redis.hgetall(`{${prefix}}c:${name}`);
    const pttl = (name: string) => redis.pttl(`{${prefix}}c:${name}`);
    return { state, stored, pttl };
  }

  it('raises a counter to at least the value, in Redis and in the local view, and never lowers it', async () => {
    const { state, stored, pttl } = await store('raise');
    await state.raise('spend:user:alice', 0, Infinity, 0.5);
    expect(await stored('spend:user:alice')).toEqual({ w: '0', e: 'inf', v: '0.5' });
    expect(await pttl('spend:user:alice')).toBe(-1);
    expect(state.counters.get('spend:user:alice', 0)).toBe(0.5);
    await state.raise('spend:user:alice', 0, Infinity, 0.25);
    expect((await stored('spend:user:alice')).v).toBe('0.5');
    expect(state.counters.get('spend:user:alice', 0)).toBe(0.5);
  });

  it("a period's counter takes its window and expires with it; an ended window is replaced and a later one left alone", async () => {
    const { state, stored, pttl } = await store('raise-window');
    await state.raise('spend@1d:user:alice', TODAY - DAY_MS, TODAY, 3);
    await state.raise('spend@1d:user:alice', TODAY, TODAY + DAY_MS, 2);
    expect(await stored('spend@1d:user:alice')).toEqual({ w: String(TODAY), e: String(TODAY + DAY_MS), v: '2' });
    const ttl = await pttl('spend@1d:user:alice');
    expect(ttl).toBeGreaterThan(DAY_MS);
    expect(ttl).toBeLessThanOrEqual(DAY_MS + 60_000);
    await state.raise('spend@1d:user:alice', TODAY - DAY_MS, TODAY, 9);
    expect((await stored('spend@1d:user:alice')).v).toBe('2');
    expect(state.counters.get('spend@1d:user:alice', TODAY)).toBe(2);
  });

  it('keeps the order of the adds queued around it: an add after it is not merged into one before', async () => {
    const { state, stored } = await store('raise-order');
    state.counters.add('spend:team:red', 0, Infinity, 1);
    state.counters.raise('spend:team:red', 0, Infinity, 5);
    state.counters.add('spend:team:red', 0, Infinity, 2);
    expect(state.counters.get('spend:team:red', 0)).toBe(7);
    await state.flush();
    expect((await stored('spend:team:red')).v).toBe('7');
    expect(state.counters.get('spend:team:red', 0)).toBe(7);
  });
});
