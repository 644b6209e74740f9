import type { RouterOptions } from '../../../src/index.js';
import type { CacheStore } from '../../../src/cache/cache-store.js';
import type { FleetJob } from './fleet-job.js';

export interface ClosableCache {
  /** The router's `cache` option: the job's own, with its store when the job names one. */
  options: RouterOptions['cache'];
  close(): Promise<void>;
}

interface RedisCacheModule {
  RedisCacheStore: new (options: { redis: string; prefix?: string }) => CacheStore & { close(): Promise<void> };
}

/** The response cache a worker's router uses; the Redis module is loaded only when a job asks for it (as in fleet-state.ts). */
export async function openFleetCache(job: FleetJob): Promise<ClosableCache> {
  if (job.cacheStore !== 'redis') return { options: job.routerOptions.cache, close: async () => {} };
  const specifier = new URL('../../../src/redis.ts', import.meta.url).href;
  const { RedisCacheStore } = (await import(specifier)) as RedisCacheModule;
  const store = new RedisCacheStore({ redis: job.redisUrl ?? 'redis://127.0.0.1:6379', ...(job.prefix !== undefined && { prefix: job.prefix }) });
  return { options: { ...job.routerOptions.cache, store }, close: () => store.close() };
}
