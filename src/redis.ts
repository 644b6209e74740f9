export { RedisStateStore, type RedisStateStoreOptions } from './state/redis/redis-state-store.js';
