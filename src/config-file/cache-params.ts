import * as z from 'zod';
import { childPath, type ConfigReport } from './config-report.js';
import type { CacheDraft } from './config-draft.js';
import { boolean, checked, fraction, nameList, seconds, text } from './config-values.js';
import type { Environment } from './environment.js';
import { readMapping, type KeyReader } from './read-mapping.js';
import { redisConnection, redisUrl, type RedisFieldPaths, type RedisFields } from './redis-url.js';

const CACHE_TYPES = ['local', 'redis', 'redis-semantic'] as const;
type CacheType = (typeof CACHE_TYPES)[number];

/** LiteLLM's call types that are chat completions: the calls switchyard caches. */
const COMPLETION_CALLS = new Set(['completion', 'acompletion']);

const EXAMPLE = '{ type: redis, host: localhost, port: 6379, ttl: 600 }';

interface CacheFields {
  type?: CacheType;
  ttlMs?: number;
  namespace?: string;
  threshold?: number;
  embeddingModel?: string;
  callTypes?: string[];
  enabled?: boolean;
}

/**
 * LiteLLM's `cache_params` (also the tutorial's `cache_settings`, which adds `enabled`): `type`
 * `local`, `redis` or `redis-semantic`, `ttl` in seconds, the Redis server (`host`, `port`,
 * `password` or `url`, else REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, REDIS_URL), `namespace` (the
 * store's key prefix), `similarity_threshold` and `redis_semantic_cache_embedding_model` (a model
 * group of the file that makes embeddings). Without `type`, the cache is in Redis when a server is
 * named, else in this process. Undefined when the section turns caching off.
 */
export function readCacheParams(value: unknown, path: string, report: ConfigReport, env: Environment, options: { tutorial: boolean }): CacheDraft | undefined {
  const fields: CacheFields = {};
  const redis: RedisFields = {};
  const redisPaths: RedisFieldPaths = {};
  const origins: Record<string, string> = {};
  const read =
    <T>(schema: z.ZodType<T>, store: (value: T, path: string) => void): KeyReader =>
    (item, at) => {
      const parsed = checked(schema, item, at, report);
      if (parsed !== undefined) store(parsed, at);
    };
  const server =
    (field: keyof RedisFields): KeyReader =>
    (item, at) => {
      redis[field] = item;
      redisPaths[field] = at;
    };
  const ttl = read(seconds('600'), (ms, at) => {
    fields.ttlMs ??= ms;
    origins['cache.ttlMs'] ??= at;
  });
  const readers: Record<string, KeyReader> = {
    type: read(z.enum(CACHE_TYPES, { error: `expected ${CACHE_TYPES.join(', ')} (qdrant, s3, gcs and disk caches are not supported)` }), (type) => {
      fields.type = type;
    }),
    ttl,
    default_in_memory_ttl: ttl,
    default_in_redis_ttl: ttl,
    host: server('host'),
    port: server('port'),
    password: server('password'),
    username: server('username'),
    ssl: server('ssl'),
    url: server('url'),
    redis_url: server('url'),
    namespace: read(
      text('expected a key prefix such as litellm.caching').refine((prefix) => !/[{}]/.test(prefix), { error: 'expected a prefix without braces' }),
      (namespace) => {
        fields.namespace = namespace;
      },
    ),
    similarity_threshold: read(fraction(), (threshold, at) => {
      fields.threshold = threshold;
      origins['cache.semantic.threshold'] = at;
    }),
    redis_semantic_cache_embedding_model: read(text('expected the model_name of an embedding model in model_list'), (model, at) => {
      fields.embeddingModel = model;
      origins['cache.semantic.embeddingModel'] = at;
    }),
    supported_call_types: read(nameList('expected a list of call types such as [acompletion, completion]'), (types) => {
      fields.callTypes = types;
    }),
    mode: read(
      z.literal('default_on', { error: 'expected default_on: per-request opt-in (default_off) is not supported; every call of a cached model is cached' }),
      () => undefined,
    ),
  };
  if (options.tutorial) readers.enabled = read(boolean(), (enabled) => void (fields.enabled = enabled));
  if (!readMapping(value, path, report, readers, EXAMPLE)) return undefined;
  if (fields.enabled === false) return undefined;
  if (fields.callTypes && !fields.callTypes.some((type) => COMPLETION_CALLS.has(type))) return undefined;

  if (redis.url === undefined && redis.host === undefined) {
    if (env.REDIS_URL) redis.url = env.REDIS_URL;
    else if (env.REDIS_HOST) redis.host = env.REDIS_HOST;
  }
  const url = redisUrl(redis, redisPaths, env, report);
  const type = fields.type ?? (url === undefined ? 'local' : 'redis');
  const draft: CacheDraft = { options: {}, path, origins: { cache: path, ...origins } };
  if (fields.ttlMs !== undefined) draft.options.ttlMs = fields.ttlMs;
  if (type !== 'redis-semantic') {
    for (const option of ['cache.semantic.threshold', 'cache.semantic.embeddingModel']) {
      if (origins[option]) report.warn(origins[option], 'used only by a redis-semantic cache');
    }
  }
  if (type === 'local') {
    for (const at of Object.values(redisPaths)) report.warn(at, 'used only by a redis cache');
    return draft;
  }
  if (url === undefined) {
    if (redis.url === undefined && redis.host === undefined) {
      report.error(
        childPath(path, 'host'),
        `is required for a ${type} cache: set host (and port, password) or url, or the REDIS_HOST or REDIS_URL environment variable`,
      );
    }
    return undefined;
  }
  draft.redis = redisConnection(url, fields.namespace === undefined ? undefined : `${fields.namespace}:`);
  if (type === 'redis-semantic') {
    if (fields.threshold === undefined) report.error(childPath(path, 'similarity_threshold'), 'is required for a redis-semantic cache, e.g. 0.95');
    if (fields.embeddingModel === undefined) {
      report.error(
        childPath(path, 'redis_semantic_cache_embedding_model'),
        'is required for a redis-semantic cache: the model_name of an embedding model in model_list',
      );
    }
    if (fields.threshold !== undefined && fields.embeddingModel !== undefined)
      draft.options.semantic = { embeddingModel: fields.embeddingModel, threshold: fields.threshold };
  }
  return draft;
}
