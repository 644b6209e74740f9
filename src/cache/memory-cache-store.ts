import { LRUCache } from 'lru-cache';
import type { CachedAnswer, CacheStore } from './cache-store.js';
import { copyJson } from './copy-json.js';

export interface MemoryCacheStoreOptions {
  /** The most answers kept; the least recently used go first. Default 10,000. */
  maxEntries?: number;
  /** The most bytes kept, an answer counted as the length of its JSON; no bound when absent. An answer larger than this is not kept. */
  maxBytes?: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Answers kept in this process (lru-cache), bounded by count and optionally by size.
 * `set` keeps a copy and `get` hands that copy out: answers it gives are read-only by
 * contract (the router copies before handing one to its caller), so a call pays for one copy.
 */
export class MemoryCacheStore implements CacheStore {
  readonly #cache: LRUCache<string, CachedAnswer>;
  readonly #sized: boolean;

  constructor({ maxEntries = DEFAULT_MAX_ENTRIES, maxBytes }: MemoryCacheStoreOptions = {}) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new TypeError('MemoryCacheStore: maxEntries must be a whole number above 0');
    if (maxBytes !== undefined && (!Number.isSafeInteger(maxBytes) || maxBytes < 1)) {
      throw new TypeError('MemoryCacheStore: maxBytes must be a whole number of bytes above 0');
    }
    this.#sized = maxBytes !== undefined;
    this.#cache = new LRUCache({ max: maxEntries, ...(maxBytes === undefined ? {} : { maxSize: maxBytes }) });
  }

  get(key: string): CachedAnswer | undefined {
    return this.#cache.get(key);
  }

  set(key: string, answer: CachedAnswer, ttlMs: number): void {
    // A copy of the JSON data, as any other store keeps it (undefined fields left out): what a hit gets is the same whichever store served it.
    const copy = copyJson(answer);
    const ttl = Number.isFinite(ttlMs) ? Math.max(1, Math.ceil(ttlMs)) : 0;
    this.#cache.set(key, copy, this.#sized ? { ttl, size: Math.max(1, JSON.stringify(copy).length) } : { ttl });
  }

  delete(key: string): void {
    this.#cache.delete(key);
  }
}
