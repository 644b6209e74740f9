export { RedisStateStore, type RedisStateStoreOptions } from './state/redis/redis-state-store.js';
export { RedisCacheStore, type RedisCacheStoreOptions } from './cache/redis/redis-cache-store.js';
