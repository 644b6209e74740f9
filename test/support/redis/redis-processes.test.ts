import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeIf } from './gated-describe.js';
import { RedisClusterProcess } from './redis-cluster-process.js';
import { redisReachable } from './redis-gate.js';
import { RedisServerProcess, redisServerInstalled } from './redis-server-process.js';

const describeWithRedisServer = describeIf(
  redisServerInstalled(),
  'redis-server is not installed: skipped outside CI; install it (e.g. apt-get install redis-server)',
);

describeWithRedisServer('RedisServerProcess', () => {
  let server: RedisServerProcess | undefined;
  afterAll(() => server?.stop());

  it('starts a server that answers, is gone once killed, and answers again on the same port after a restart', async () => {
    server = await RedisServerProcess.start();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await redisReachable(server.url)).toBe(true);

    await server.kill();
    expect(await redisReachable(server.url)).toBe(false);

    await server.restart();
    expect(await redisReachable(server.url)).toBe(true);

    await server.stop();
    await server.stop();
    expect(await redisReachable(server.url)).toBe(false);
  }, 30_000);
});

describeWithRedisServer('RedisClusterProcess', () => {
  let cluster: RedisClusterProcess | undefined;
  let client: Cluster | undefined;
  beforeAll(async () => {
    cluster = await RedisClusterProcess.start();
  }, 60_000);
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it('serves SET and GET through ioredis for keys whose hash tags land on different nodes', async () => {
    client = new Cluster(cluster!.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    // Slots of the tags: a 15495, b 3300, c 7365: one in each third of the 16384 slots, so one per node.
    const keys = ['{a}:key', '{b}:key', '{c}:key'];
    for (const key of keys) await client.set(key, `value of ${key}`);
    for (const key of keys) expect(await client.get(key)).toBe(`value of ${key}`);

    const holders = await Promise.all(keys.map((key) => nodeHolding(cluster!, key)));
    expect(new Set(holders).size).toBe(3);
  }, 30_000);
});

async function nodeHolding(cluster: RedisClusterProcess, key: string): Promise<number> {
  const holders: number[] = [];
  for (const node of cluster.nodes) {
    const redis = new Redis({ ...node, maxRetriesPerRequest: 1 });
    try {
      // EXISTS on a node that does not own the slot answers MOVED, not 0.
      if ((await redis.exists(key).catch(() => 0)) === 1) holders.push(node.port);
    } finally {
      redis.disconnect();
    }
  }
  expect(holders).toHaveLength(1);
  return holders[0]!;
}
