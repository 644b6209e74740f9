import { afterAll } from 'vitest';
import { RedisCacheStore } from '../../../src/redis.js';
import { runCacheStoreConformance } from '../../../src/testing/index.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';

const describeRedis = await redisDescribe();
const prefixes: string[] = [];

describeRedis('RedisCacheStore', () => {
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(REDIS_URL, `{${prefix}}*`);
  });
  runCacheStoreConformance({
    name: 'RedisCacheStore',
    newStore: () => {
      const prefix = uniquePrefix('cache-conformance');
      prefixes.push(prefix);
      // Far past the default 100 ms: a loaded test machine must not turn a slow answer into a failed case.
      return new RedisCacheStore({ redis: REDIS_URL, prefix, commandTimeoutMs: 2_000 });
    },
  });
});
