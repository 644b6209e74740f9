import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { CachedAnswer } from '../../../src/cache/cache-store.js';
import { RedisCacheStore } from '../../../src/redis.js';
import { describeIf } from '../../support/redis/gated-describe.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';
import { freePorts } from '../../support/redis/redis-server-child.js';
import { RedisServerProcess, redisServerInstalled } from '../../support/redis/redis-server-process.js';

const describeRedis = await redisDescribe();
const describeWithRedisServer = describeIf(redisServerInstalled(), 'redis-server is not installed: skipped outside CI (apt-get install redis-server)');

const COMMAND_TIMEOUT_MS = 100;
/** Far past commandTimeoutMs: a command this slow waited on Redis. It ends real hangs only; a loaded machine is slow. */
const HANG_BOUND_MS = COMMAND_TIMEOUT_MS + 2_000;
/** A killed or paused Redis costs seconds to come back on a loaded machine. */
const TEST_BOUND = { timeout: 60_000 };

function answer(text: string): CachedAnswer {
  return {
    completion: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gpt-4o',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: text, refusal: null } }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    },
    costUsd: 0.001,
    storedAt: 1_700_000_000_000,
    expiresAt: 1_700_000_060_000,
  };
}

/** The error `call` rejected with, failing the test if it was served or took longer than HANG_BOUND_MS. */
async function rejectionInBound(call: () => Promise<unknown>): Promise<Error> {
  const begun = performance.now();
  const outcome = await call().then(
    () => expect.unreachable('Redis is down, yet the command succeeded'),
    (error: unknown) => error,
  );
  expect(performance.now() - begun, 'the command waited on Redis').toBeLessThan(HANG_BOUND_MS);
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

describe('RedisCacheStore options', () => {
  it('rejects a prefix with braces, a time-out that is not above 0, and a redis that is neither a URL nor a client', () => {
    expect(() => new RedisCacheStore({ redis: REDIS_URL, prefix: '{x}' })).toThrow(/prefix must be a non-empty string without braces/);
    expect(() => new RedisCacheStore({ redis: REDIS_URL, prefix: '' })).toThrow(TypeError);
    expect(() => new RedisCacheStore({ redis: REDIS_URL, commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs must be a number/);
    expect(() => new RedisCacheStore({ redis: 42 as unknown as string })).toThrow(/redis must be a URL/);
  });

  it('never shows the credentials of its URL', async () => {
    const [port] = await freePorts(1);
    const store = new RedisCacheStore({ redis: `redis://alice:s3cret@127.0.0.1:${port}/0`, commandTimeoutMs: COMMAND_TIMEOUT_MS });
    onTestFinished(() => store.close());
    const error = await rejectionInBound(() => store.get('k'));
    expect(error.message).toContain(`redis://127.0.0.1:${port}/0`);
    expect(error.message).not.toMatch(/alice|s3cret/);
  });
});

describeRedis('RedisCacheStore keys', () => {
  let observer: Redis;
  const prefixes: string[] = [];
  const newStore = (options: { redis?: string | Redis } = {}) => {
    const prefix = uniquePrefix('cache');
    prefixes.push(prefix);
    const store = new RedisCacheStore({ redis: options.redis ?? REDIS_URL, prefix, commandTimeoutMs: 2_000 });
    onTestFinished(() => store.close());
    return { prefix, store };
  };
  beforeAll(() => {
    observer = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(REDIS_URL, `{${prefix}}*`);
    observer?.disconnect();
  });

  it('keeps an answer at {prefix}cache:<key> as its JSON, expiring with its ttlMs, and deletes it there', async () => {
    const { prefix, store } = newStore();
    await store.set('9f86d081', answer('hi'), 60_000);
    const key = `{${prefix}}cache:9f86d081`;
    expect(JSON.parse((await observer.get(key))!)).toEqual(answer('hi'));
    const pttl = await observer.pttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    await store.delete('9f86d081');
    expect(await observer.exists(key)).toBe(0);
  });

  it('takes a value that is not an answer as a miss', async () => {
    const { prefix, store } = newStore();
    const values = { 'not-json': 'not json', number: '42', null: 'null', other: '{"a":1}', 'no-times': JSON.stringify({ ...answer('x'), storedAt: 'now' }) };
    for (const [key, value] of Object.entries(values)) await observer.set(`{${prefix}}cache:${key}`, value);
    for (const key of Object.keys(values)) expect(await store.get(key), key).toBeUndefined();
  });

  it('leaves a client given to it open when it closes', async () => {
    const client = new Redis(REDIS_URL);
    onTestFinished(() => client.disconnect());
    const { store } = newStore({ redis: client });
    await store.set('k', answer('shared client'), 60_000);
    expect(await store.get('k')).toEqual(answer('shared client'));
    await store.close();
    expect(await client.ping()).toBe('PONG');
  });
});

describeWithRedisServer('RedisCacheStore when its Redis fails', () => {
  let server: RedisServerProcess;
  let observer: Redis;
  beforeAll(async () => {
    server = await RedisServerProcess.start();
    observer = new Redis(server.url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    observer.on('error', () => undefined);
  }, 20_000);
  afterEach(async () => {
    // Every test starts on a running Redis, whatever the last one left.
    if ((await observer.ping().catch(() => 'down')) !== 'PONG') await server.restart();
  });
  afterAll(async () => {
    observer?.disconnect();
    await server?.stop();
  });

  /** A store on the test's own Redis: from its URL, or on a client given to it (ioredis defaults: its offline queue holds commands). */
  function storeOn(kind: 'url' | 'client'): RedisCacheStore {
    let redis: string | Redis = server.url;
    if (kind === 'client') {
      const client = new Redis(server.url);
      client.on('error', () => undefined);
      onTestFinished(() => client.disconnect());
      redis = client;
    }
    const store = new RedisCacheStore({ redis, prefix: uniquePrefix(`cache-${kind}`), commandTimeoutMs: COMMAND_TIMEOUT_MS });
    onTestFinished(() => store.close());
    return store;
  }

  async function worksAgain(store: RedisCacheStore): Promise<void> {
    await expect
      .poll(
        async () => {
          await store.set('k', answer('back'), 60_000).catch(() => undefined);
          return store.get('k').catch(() => undefined);
        },
        { timeout: 10_000, interval: 50 },
      )
      .toEqual(answer('back'));
  }

  it('killed: get, set and delete reject without waiting on it, and once it is back the store works again', TEST_BOUND, async () => {
    const stores = [storeOn('url'), storeOn('client')];
    for (const store of stores) {
      await store.set('k', answer('before'), 60_000);
      expect(await store.get('k')).toEqual(answer('before'));
    }
    await server.kill();
    for (const store of stores) {
      for (let i = 0; i < 3; i++) {
        await rejectionInBound(() => store.get('k'));
        await rejectionInBound(() => store.set('k', answer('while down'), 60_000));
        await rejectionInBound(() => store.delete('k'));
      }
    }
    await server.restart();
    for (const store of stores) await worksAgain(store);
  });

  it('paused (CLIENT PAUSE): a command it does not answer rejects after commandTimeoutMs, and answers come back when it does', TEST_BOUND, async () => {
    const store = storeOn('url');
    await store.set('k', answer('before'), 60_000);
    await observer.call('CLIENT', 'PAUSE', '1500', 'ALL');
    const errors = await Promise.all([rejectionInBound(() => store.get('k')), rejectionInBound(() => store.set('k', answer('paused'), 60_000))]);
    expect(errors.map(({ message }) => message)).toEqual([
      `RedisCacheStore: Redis at ${server.url} did not answer GET within ${COMMAND_TIMEOUT_MS} ms (commandTimeoutMs)`,
      `RedisCacheStore: Redis at ${server.url} did not answer SET within ${COMMAND_TIMEOUT_MS} ms (commandTimeoutMs)`,
    ]);
    await worksAgain(store);
  });
});
