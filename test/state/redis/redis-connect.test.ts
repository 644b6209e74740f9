import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateStore, type RedisStateStoreOptions } from '../../../src/redis.js';
import { describeIf } from '../../support/redis/gated-describe.js';
import { REDIS_URL, uniquePrefix } from '../../support/redis/redis-gate.js';
import { RedisServerProcess, redisServerInstalled } from '../../support/redis/redis-server-process.js';
import { eventually } from './redis-store-fixtures.js';

const describeWithRedisServer = describeIf(redisServerInstalled(), 'redis-server is not installed: skipped outside CI (apt-get install redis-server)');

describe('RedisStateStore.connect without a Redis', () => {
  it('rejects naming the URL without its credentials when nothing listens', async () => {
    // Port 1 is privileged and never handed out by listen(0): nothing listens there.
    const failure = await RedisStateStore.connect({ redis: 'redis://user:secret@127.0.0.1:1' }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure?.message).toContain('cannot be reached');
    expect(failure?.message).toContain('127.0.0.1:1');
    expect(failure?.message).not.toContain('secret');
    expect(failure?.message).not.toContain('user');
  });
});

describe('RedisStateStore.connect option checks', () => {
  const bad: [string, Partial<Record<keyof RedisStateStoreOptions, unknown>>, RegExp][] = [
    ['a prefix with braces', { prefix: 'my{app}:' }, /prefix/],
    ['an empty prefix', { prefix: '' }, /prefix/],
    ["onUnavailable 'maybe'", { onUnavailable: 'maybe' }, /onUnavailable/],
    ['commandTimeoutMs 0', { commandTimeoutMs: 0 }, /commandTimeoutMs/],
    ['commandTimeoutMs NaN', { commandTimeoutMs: Number.NaN }, /commandTimeoutMs/],
    ['redis 42', { redis: 42 }, /redis must be/],
  ];
  it.each(bad)('throws a TypeError naming the option for %s', async (_, options, names) => {
    const connecting = RedisStateStore.connect({ redis: REDIS_URL, ...options } as RedisStateStoreOptions);
    await expect(connecting).rejects.toThrow(TypeError);
    await expect(connecting).rejects.toThrow(names);
  });
});

describeWithRedisServer('RedisStateStore.close', () => {
  // A server of its own, so its client count is only this test's connections.
  let server: RedisServerProcess;
  let observer: Redis;
  beforeAll(async () => {
    server = await RedisServerProcess.start();
    observer = new Redis(server.url, { maxRetriesPerRequest: 1 });
  }, 20_000);
  afterAll(async () => {
    observer?.disconnect();
    await server?.stop();
  });
  const connectedClients = async () => Number(/connected_clients:(\d+)/.exec(await observer.info('clients'))?.[1]);

  it('leaves a client passed in open: it is the caller’s to close', async () => {
    const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
    try {
      const state = await RedisStateStore.connect({ redis: client, prefix: uniquePrefix('connect') });
      await state.close();
      expect(await client.ping()).toBe('PONG');
      // The observer and the client given; the store's subscriber is gone.
      await eventually('the subscriber disconnected', async () => (await connectedClients()) === 2);
    } finally {
      client.disconnect();
    }
  });

  it('closes the client it made from a URL, and its subscriber', async () => {
    const state = await RedisStateStore.connect({ redis: server.url, prefix: uniquePrefix('connect') });
    expect(await connectedClients()).toBe(3);
    await state.close();
    await eventually('only the observer is connected', async () => (await connectedClients()) === 1);
    await eventually('the store says Redis is away', () => !state.available);
  });
});
