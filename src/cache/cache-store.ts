import type { ChatCompletion } from '../types/chat.js';

/** A whole answer kept for identical requests. Plain JSON, so any store can hold it. */
export interface CachedAnswer {
  /** The answer as its first caller got it, usage included. */
  completion: ChatCompletion;
  /** What the answer cost when it was made (USD): each hit saves this much. Undefined when it was not priced. */
  costUsd: number | undefined;
  /** When it was stored and when it stops being served (epoch ms on the router's clock). */
  storedAt: number;
  expiresAt: number;
}

/**
 * Where cached answers live: `'memory'` (the default, lru-cache in this process),
 * `RedisCacheStore` from `switchyard/redis`, or your own. Keys are opaque strings the
 * router makes (a hash of the request, its scope and namespace). A store may drop any
 * entry at any time (a miss is always safe). `set` keeps its own copy; what `get` hands out
 * may be the store's own object, which the router never changes (it copies it for its
 * caller). The router checks `expiresAt` itself, so a
 * store's own expiry (`ttlMs`, a hint) only frees space. Errors thrown or rejected are
 * taken as misses (and one `warning`), never as a failed call. `runCacheStoreConformance`
 * from `switchyard/testing` checks a store.
 */
export interface CacheStore {
  get(key: string): CachedAnswer | undefined | Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /**
   * Optional, for a store shared between processes: the semantic cache's questions of one
   * context, so every router answers paraphrases of questions any of them was asked.
   * `questionsSince` gives those after the `from`-th (at most the last `maxEntries`) and the
   * number to read on from; `addQuestion` appends one, keeping at most `maxEntries`.
   */
  questionsSince?(context: string, from: number, maxEntries: number): Promise<{ questions: RememberedQuestion[]; next: number }>;
  addQuestion?(context: string, question: RememberedQuestion, ttlMs: number, maxEntries: number): Promise<void>;
}

/** A question the semantic cache remembers: the exact key its answer is stored under, and its embedding. */
export interface RememberedQuestion {
  key: string;
  vector: readonly number[];
}
