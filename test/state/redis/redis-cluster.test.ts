import { Cluster } from 'ioredis';
import { CallerRateLimitError, type RouterOptions } from 'switchyard';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RedisStateStore } from '../../../src/redis.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { failing, ok } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { describeIf } from '../../support/redis/gated-describe.js';
import { RedisClusterProcess } from '../../support/redis/redis-cluster-process.js';
import { uniquePrefix } from '../../support/redis/redis-gate.js';
import { redisServerInstalled } from '../../support/redis/redis-server-process.js';
import { ask, CALL_USD, eventually, pricedDeployment, testStore, warmRouter } from './redis-store-fixtures.js';

const describeWithRedisServer = describeIf(redisServerInstalled(), 'redis-server is not installed: skipped outside CI (apt-get install redis-server)');

describeWithRedisServer('RedisStateStore on a Redis Cluster', () => {
  let cluster: RedisClusterProcess;
  beforeAll(async () => {
    cluster = await RedisClusterProcess.start(3);
  }, 60_000);
  afterAll(() => cluster?.stop());

  /** A Cluster client of its own (closed after the test) and a store on it. */
  async function clusterStore(prefix: string): Promise<RedisStateStore> {
    const client = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    afterThisTest(() => client.disconnect());
    // Not a fault test: a generous timeout and `deny`, so a slow moment fails loudly instead of counting locally.
    return testStore({ redis: client, prefix, onUnavailable: 'deny', commandTimeoutMs: 2_000 });
  }

  /** Two routers, each on its own store and cluster connection, sharing `prefix`. */
  async function twoRouters(prefix: string, options: Omit<RouterOptions, 'state'>) {
    const stores = [await clusterStore(prefix), await clusterStore(prefix)] as const;
    const routers = [await warmRouter({ ...options, state: stores[0] }), await warmRouter({ ...options, state: stores[1] })] as const;
    return { stores, routers };
  }

  it('two routers share a caller rpm limit exactly: 10 calls against rpm 5 serve 5', async () => {
    const provider = await mockServer(ok());
    const { routers } = await twoRouters(uniquePrefix('cluster-rpm'), {
      deployments: [pricedDeployment(provider, 'a')],
      limits: [{ scope: 'user', id: 'alice', rpm: 5 }],
    });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ask(routers[i % 2]!).then(
          () => 'served',
          (error: unknown) => (error instanceof CallerRateLimitError ? 'limited' : error),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'served')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'limited')).toHaveLength(5);
    expect(provider.calls).toHaveLength(5);
  });

  it("spend is shared: a fresh store reads both routers' spend", async () => {
    const prefix = uniquePrefix('cluster-spend');
    const provider = await mockServer(ok());
    const options = { deployments: [pricedDeployment(provider, 'a')] };
    const { stores, routers } = await twoRouters(prefix, options);
    await ask(routers[0]);
    await ask(routers[0]);
    await ask(routers[1]);
    await Promise.all(stores.map((store) => store.flush()));

    const reader = await warmRouter({ ...options, state: await clusterStore(prefix) });
    expect(reader.spend({ scope: 'user', id: 'alice' }).spentUsd).toBeCloseTo(3 * CALL_USD, 9);
    expect(reader.spend({ scope: 'global' }).spentUsd).toBeCloseTo(3 * CALL_USD, 9);
  });

  it('a circuit one router opens is open in the other, which then calls no provider', async () => {
    const provider = await mockServer(failing(500));
    const { stores, routers } = await twoRouters(uniquePrefix('cluster-circuit'), {
      deployments: [pricedDeployment(provider, 'a')],
      cooldown: { allowedFails: 1, cooldownMs: 60_000 },
      retries: { max: 0 },
    });
    await expect(ask(routers[0])).rejects.toThrow();
    expect(stores[0].getCircuit('a')?.open).toBe(true);

    await eventually('the other store follows the open circuit', () => stores[1].getCircuit('a')?.open === true);
    const providerCalls = provider.calls.length;
    await expect(ask(routers[1])).rejects.toThrow();
    expect(provider.calls).toHaveLength(providerCalls);
  });
});
