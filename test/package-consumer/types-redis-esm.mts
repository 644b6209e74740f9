import { Router, StateStoreUnavailableError } from 'switchyard';
import { RedisCacheStore, RedisStateStore, type RedisCacheStoreOptions, type RedisStateStoreOptions } from 'switchyard/redis';

export const options: RedisStateStoreOptions = { redis: 'redis://127.0.0.1:6379', prefix: 'app:', onUnavailable: 'deny', commandTimeoutMs: 50 };
// @ts-expect-error onUnavailable is 'allow' or 'deny'
export const misspelt: RedisStateStoreOptions = { redis: 'redis://127.0.0.1:6379', onUnavailable: 'queue' };

export async function answer(): Promise<string | undefined> {
  const state: RedisStateStore = await RedisStateStore.connect(options);
  const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }], state });
  try {
    return (await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).choices[0]?.message.content ?? undefined;
  } catch (error) {
    // With onUnavailable 'deny', a call while Redis is away fails with this (status 503).
    if (error instanceof StateStoreUnavailableError) return undefined;
    throw error;
  } finally {
    await router.close();
    await state.close();
  }
}

export const cacheOptions: RedisCacheStoreOptions = { redis: 'redis://127.0.0.1:6379', prefix: 'app:', commandTimeoutMs: 50 };
// @ts-expect-error commandTimeoutMs is a number of milliseconds
export const badCacheOptions: RedisCacheStoreOptions = { redis: 'redis://127.0.0.1:6379', commandTimeoutMs: '50' };

export function cachedRouter(): Router {
  return new Router({
    deployments: [{ model: 'm', provider: 'mock' }],
    cache: { store: new RedisCacheStore(cacheOptions), ttlMs: 60_000, scope: 'user', semantic: { embeddingModel: 'embed', threshold: 0.95 } },
  });
}
