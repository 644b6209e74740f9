import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeIf } from './gated-describe.js';
import { deleteKeys, redisReachable, uniquePrefix } from './redis-gate.js';
import { freePorts } from './redis-server-child.js';
import { RedisServerProcess, redisServerInstalled } from './redis-server-process.js';

it('uniquePrefix differs on every call and names its label', () => {
  const prefixes = new Set(Array.from({ length: 100 }, () => uniquePrefix('spend')));
  expect(prefixes.size).toBe(100);
  for (const prefix of prefixes) expect(prefix).toMatch(new RegExp(`^test:spend:${process.pid}:[0-9a-f]+:$`));
});

it('redisReachable says no, within its bound, for a port nobody listens on', async () => {
  const [port] = await freePorts(1);
  expect(await redisReachable(`redis://127.0.0.1:${port}`)).toBe(false);
});

const describeWithRedisServer = describeIf(
  redisServerInstalled(),
  'redis-server is not installed: skipped outside CI; install it (e.g. apt-get install redis-server)',
);

describeWithRedisServer('with a redis-server of its own', () => {
  let server: RedisServerProcess;
  let redis: Redis;
  beforeAll(async () => {
    server = await RedisServerProcess.start();
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  }, 20_000);
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('redisReachable says yes', async () => {
    expect(await redisReachable(server.url)).toBe(true);
  });

  it('deleteKeys deletes the keys matching the pattern, hash-tagged ones included, and leaves the rest', async () => {
    const prefix = uniquePrefix('gate');
    const other = uniquePrefix('gate');
    const ours = Array.from({ length: 1_200 }, (_, i) => `{${prefix}}counter:${i}`);
    await redis.mset(...ours.flatMap((key) => [key, '1']));
    await redis.set(`{${other}}counter:0`, '1');

    expect(await deleteKeys(server.url, `{${prefix}}*`)).toBe(1_200);
    expect(await redis.keys(`{${prefix}}*`)).toEqual([]);
    expect(await redis.get(`{${other}}counter:0`)).toBe('1');
  });
});
