import type { CacheStore } from './cache-store.js';
import type { SemanticCacheOptions } from './semantic/semantic-lookup.js';

/** The router's `cache` option: absent, nothing is cached and calls pay nothing for it. */
export interface CacheOptions {
  /** `'memory'` (default: lru-cache in this process), `RedisCacheStore` from `switchyard/redis`, or your own `CacheStore`. */
  store?: 'memory' | CacheStore;
  /** How long an answer is served, in ms. Default one hour. */
  ttlMs?: number;
  /** The memory store's bounds: entries (default 10,000) and bytes of answers (default none). */
  maxEntries?: number;
  maxBytes?: number;
  /** Only these model groups are cached. Default: all. */
  models?: string[];
  /** Who shares answers: everyone (`global`, default), or only calls with the same `user`, `team` or `apiKeyId` (calls without it are not cached). */
  scope?: CacheScope;
  /** Also answer a question asked in other words (same context, embeddings at least `threshold` similar). */
  semantic?: SemanticCacheOptions;
}

export type CacheScope = 'global' | 'user' | 'team' | 'apiKeyId';

/** The per-request `cache` option. */
export interface RequestCacheOptions {
  /** Do not look this call up (it still stores its answer, unless `noStore`). */
  noCache?: boolean;
  /** Do not store this call's answer. */
  noStore?: boolean;
  /** This answer's time to live, in ms, instead of the router's. */
  ttlMs?: number;
  /** A key space of its own: only calls with the same namespace share answers. */
  namespace?: string;
}
