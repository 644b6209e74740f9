import { MemoryStateStore, type StateStore } from '../../../src/index.js';
import type { FleetJob } from './fleet-job.js';

export interface ClosableStore {
  store: StateStore;
  close(): Promise<void>;
}

interface RedisStoreModule {
  RedisStateStore: {
    connect(options: { redis: string; prefix?: string; onUnavailable?: string; commandTimeoutMs?: number }): Promise<StateStore & { close(): Promise<void> }>;
  };
}

/**
 * The store a worker's router uses. The Redis module is loaded only when a job asks for it,
 * by a computed specifier, so the harness builds and runs before that module exists.
 */
export async function openFleetState(job: FleetJob): Promise<ClosableStore> {
  if (job.state === 'memory') return { store: new MemoryStateStore(), close: async () => {} };
  const specifier = new URL('../../../src/redis.ts', import.meta.url).href;
  const { RedisStateStore } = (await import(specifier)) as RedisStoreModule;
  const store = await RedisStateStore.connect({
    redis: job.redisUrl ?? 'redis://127.0.0.1:6379',
    ...(job.prefix !== undefined && { prefix: job.prefix }),
    ...(job.onUnavailable !== undefined && { onUnavailable: job.onUnavailable }),
    ...(job.commandTimeoutMs !== undefined && { commandTimeoutMs: job.commandTimeoutMs }),
  });
  return { store, close: () => store.close() };
}
