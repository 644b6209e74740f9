import * as z from 'zod';
import { nonEmptyString, positiveInteger } from '../config/schema-helpers.js';
import type { CacheOptions } from './cache-options.js';
import type { CacheStore } from './cache-store.js';
import { MemoryCacheStore } from './memory-cache-store.js';
import type { CacheConfig } from './response-cache.js';
import { SemanticLookup } from './semantic/semantic-lookup.js';

const DEFAULT_TTL_MS = 3_600_000;
const DEFAULT_MAX_ENTRIES = 10_000;
const STORE_METHODS = ['get', 'set', 'delete'];

const cacheStoreSchema = z.custom<CacheStore>(
  (value) => typeof value === 'object' && value !== null && STORE_METHODS.every((m) => typeof (value as Record<string, unknown>)[m] === 'function'),
  { error: `expected 'memory' or a CacheStore with ${STORE_METHODS.join(', ')} (such as new RedisCacheStore({ redis, prefix }) from switchyard/redis)` },
);

/** The router's `cache` option, as its schema checks it. */
export const cacheOptionsSchema = z.strictObject(
  {
    store: z.union([z.literal('memory'), cacheStoreSchema]).optional(),
    ttlMs: positiveInteger().optional(),
    maxEntries: positiveInteger().optional(),
    maxBytes: positiveInteger().optional(),
    models: z.array(nonEmptyString(), { error: "expected an array of model names, e.g. ['gpt-4o-mini']" }).optional(),
    scope: z.enum(['global', 'user', 'team', 'apiKeyId'], { error: "expected 'global', 'user', 'team' or 'apiKeyId'" }).optional(),
    semantic: z
      .strictObject(
        {
          embeddingModel: nonEmptyString({ error: 'expected the model group that makes embeddings' }),
          threshold: z.number({ error: 'expected a cosine similarity above 0 and at most 1, e.g. 0.95' }).gt(0).lte(1),
          maxEntries: positiveInteger().optional(),
        },
        { error: "expected { embeddingModel: 'embed', threshold: 0.95 }" },
      )
      .optional(),
  },
  { error: 'expected cache options such as { ttlMs: 3600000, maxEntries: 10000 }' },
);

/** The checked option as the router uses it: a store made for 'memory', defaults filled in. */
export function cacheConfig(options: CacheOptions): CacheConfig {
  const store =
    options.store === undefined || options.store === 'memory'
      ? new MemoryCacheStore({ maxEntries: options.maxEntries, maxBytes: options.maxBytes })
      : options.store;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  return {
    store,
    ttlMs,
    models: options.models === undefined ? undefined : new Set(options.models),
    scope: options.scope ?? 'global',
    semantic: options.semantic && new SemanticLookup(options.semantic, options.maxEntries ?? DEFAULT_MAX_ENTRIES, store, ttlMs),
  };
}
