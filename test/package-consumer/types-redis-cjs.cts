import { StateStoreUnavailableError } from 'switchyard';
import { RedisStateStore, type RedisStateStoreOptions } from 'switchyard/redis';

export const connect: (options: RedisStateStoreOptions) => Promise<RedisStateStore> = RedisStateStore.connect;
export const isDown = (state: RedisStateStore): boolean => !state.available;
// @ts-expect-error the Redis is a URL or an ioredis client, not a port
export const wrongRedis: Promise<RedisStateStore> = RedisStateStore.connect({ redis: 6379 });
export const isUnavailable = (error: unknown): boolean => error instanceof StateStoreUnavailableError;
// @ts-expect-error status is a number
export const statusText = (error: StateStoreUnavailableError): string => error.status;
