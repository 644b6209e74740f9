import { Router, StateStoreUnavailableError } from 'switchyard';
import { RedisCacheStore, RedisStateStore, type RedisCacheStoreOptions, type RedisStateStoreOptions } from 'switchyard/redis';

export const connect: (options: RedisStateStoreOptions) => Promise<RedisStateStore> = RedisStateStore.connect;
export const isDown = (state: RedisStateStore): boolean => !state.available;
// @ts-expect-error the Redis is a URL or an ioredis client, not a port
export const wrongRedis: Promise<RedisStateStore> = RedisStateStore.connect({ redis: 6379 });
export const isUnavailable = (error: unknown): boolean => error instanceof StateStoreUnavailableError;
// @ts-expect-error status is a number
export const statusText = (error: StateStoreUnavailableError): string => error.status;

export const cacheOptions: RedisCacheStoreOptions = { redis: 'redis://127.0.0.1:6379', prefix: 'app:', commandTimeoutMs: 50 };
// @ts-expect-error commandTimeoutMs is a number of milliseconds
export const badCacheOptions: RedisCacheStoreOptions = { redis: 'redis://127.0.0.1:6379', commandTimeoutMs: '50' };

export function cachedRouter(): Router {
  return new Router({
    deployments: [{ model: 'm', provider: 'mock' }],
    cache: { store: new RedisCacheStore(cacheOptions), ttlMs: 60_000, scope: 'user', semantic: { embeddingModel: 'embed', threshold: 0.95 } },
  });
}
