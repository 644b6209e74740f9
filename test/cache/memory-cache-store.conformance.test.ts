import { MemoryCacheStore } from '../../src/cache/memory-cache-store.js';
import { runCacheStoreConformance } from '../../src/testing/index.js';

runCacheStoreConformance({ name: 'MemoryCacheStore', newStore: () => new MemoryCacheStore() });
runCacheStoreConformance({ name: 'MemoryCacheStore bounded in bytes', newStore: () => new MemoryCacheStore({ maxEntries: 100, maxBytes: 1_000_000 }) });
