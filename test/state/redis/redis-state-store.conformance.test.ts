import { afterAll } from 'vitest';
import { RedisStateStore } from '../../../src/redis.js';
import { runStateStoreConformance } from '../../../src/testing/index.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';

const describeRedis = await redisDescribe();
const prefixes: string[] = [];

describeRedis('RedisStateStore', () => {
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(REDIS_URL, `{${prefix}}*`);
  });
  runStateStoreConformance({
    name: 'RedisStateStore',
    newStore: () => {
      const prefix = uniquePrefix('conformance');
      prefixes.push(prefix);
      return RedisStateStore.connect({ redis: REDIS_URL, prefix });
    },
  });
});
