import { describeValue, shortened } from '../../config/describe-value.js';
import type { RequestCacheOptions } from '../../cache/cache-options.js';
import { BadRequestError, PermissionDeniedError } from '../../errors/api-errors.js';
import type { CompletionOptions } from '../../pipeline/completion-options.js';
import { isRecord, isStringArray } from '../../pipeline/is-record.js';
import type { Caller } from '../http/caller.js';

/** The per-request options of one gateway call; `metadata` is always an object of the gateway's own. */
export type CallOptions = CompletionOptions & { metadata: Record<string, unknown> };

const CACHE_FIELDS = ['no-cache', 'no-store', 'ttl', 'namespace'];

function rejectBodyField(param: string, expected: string, value: unknown): never {
  throw new BadRequestError(`request.${param}: expected ${expected}, got ${describeValue(value)}`, { param, type: 'invalid_request_error' });
}

function tagsOf(value: unknown, param: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!isStringArray(value) || value.includes('')) rejectBodyField(param, 'an array of non-empty strings', value);
  return value;
}

function flag(cache: Record<string, unknown>, field: string): boolean | undefined {
  const value = cache[field];
  if (value !== undefined && typeof value !== 'boolean') rejectBodyField(`cache.${field}`, 'true or false', value);
  return value;
}

/** LiteLLM's per-request `cache` controls, as the router's; `space` keeps callers who must not share answers apart. */
function cacheOptions(cache: unknown, space: string | undefined): RequestCacheOptions | undefined {
  if (cache === undefined) return space === undefined ? undefined : { namespace: space };
  if (!isRecord(cache)) rejectBodyField('cache', `an object of ${CACHE_FIELDS.join(', ')}`, cache);
  for (const field in cache) {
    if (!CACHE_FIELDS.includes(field)) rejectBodyField(`cache.${shortened(field)}`, `no such field; known: ${CACHE_FIELDS.join(', ')}`, cache[field]);
  }
  const { ttl, namespace } = cache;
  if (ttl !== undefined && !(typeof ttl === 'number' && ttl > 0 && Number.isFinite(ttl))) rejectBodyField('cache.ttl', 'a positive number of seconds', ttl);
  if (namespace !== undefined && typeof namespace !== 'string') rejectBodyField('cache.namespace', 'a string', namespace);
  const joined = space === undefined ? namespace : namespace === undefined || namespace === '' ? space : `${space}:${namespace}`;
  return {
    noCache: flag(cache, 'no-cache'),
    noStore: flag(cache, 'no-store'),
    ttlMs: ttl === undefined ? undefined : Math.max(1, Math.round(ttl * 1_000)),
    namespace: joined,
  };
}

/** Cached answers are shared within a team, or within a key that has none; the master key's calls keep the shared space. */
function cacheSpace(caller: Caller): string | undefined {
  if (caller.teamId !== undefined) return `team:${caller.teamId}`;
  if (caller.token !== undefined) return `key:${caller.token}`;
  return undefined;
}

function fallbacksOf(value: unknown, caller: Caller): string[] | undefined {
  if (value === undefined) return undefined;
  if (!isStringArray(value)) rejectBodyField('fallbacks', "an array of model names, e.g. ['gpt-4o-mini']", value);
  const refused = value.find((model) => !caller.mayUse(model));
  if (refused !== undefined) throw modelRefused(refused, 'fallbacks');
  return value;
}

function wholeAtLeastZero(value: unknown, param: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isInteger(value) && (value as number) >= 0)) rejectBodyField(param, 'an integer of 0 or more', value);
  return value as number;
}

function secondsAsMs(value: unknown, param: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) rejectBodyField(param, 'a positive number of seconds', value);
  return Math.max(1, Math.round(value * 1_000));
}

/** 403 for a model group the caller's key (or its user or team) may not use. */
export function modelRefused(model: string, param = 'model'): PermissionDeniedError {
  return new PermissionDeniedError(`This key may not call the model '${shortened(model)}'`, { param, type: 'permission_denied', code: 'model_not_allowed' });
}

/**
 * The body fields the router does not take (LiteLLM's `metadata`, `tags`, `cache`, `fallbacks`,
 * `num_retries`, `timeout`) turned into the call's options and removed from the body, with who is
 * calling: the key's hash as `apiKeyId`, its user and team, the key's alias and the body's `user`
 * (OpenAI's end user) in `metadata`, after the body's own so a body cannot pose as another key.
 */
export function callOptions(body: Record<string, unknown>, caller: Caller, signal: AbortSignal, tagRouting: boolean): CallOptions {
  const { metadata, tags, cache, fallbacks, num_retries, timeout, user } = body;
  if (metadata !== undefined) {
    if (!isRecord(metadata)) rejectBodyField('metadata', 'an object', metadata);
    delete body.metadata;
  }
  if (tags !== undefined) delete body.tags;
  if (cache !== undefined) delete body.cache;
  if (fallbacks !== undefined) delete body.fallbacks;
  if (num_retries !== undefined) delete body.num_retries;
  if (timeout !== undefined) delete body.timeout;
  const callMetadata: Record<string, unknown> = metadata === undefined ? {} : { ...metadata };
  const callTags = metadata?.tags !== undefined ? tagsOf(metadata.tags, 'metadata.tags') : tagsOf(tags, 'tags');
  // Without tag routing the tags only label the call (its spend-log row, its events' metadata), as LiteLLM does.
  if (!tagRouting && callTags !== undefined) callMetadata.tags = callTags;
  if (typeof user === 'string') callMetadata.end_user = user;
  if (caller.keyAlias !== undefined) callMetadata.key_alias = caller.keyAlias;
  return {
    signal,
    apiKeyId: caller.token,
    user: caller.userId,
    team: caller.teamId,
    tags: tagRouting ? callTags : undefined,
    metadata: callMetadata,
    cache: cacheOptions(cache, cacheSpace(caller)),
    fallbacks: fallbacksOf(fallbacks, caller),
    retries: wholeAtLeastZero(num_retries, 'num_retries'),
    deadlineMs: secondsAsMs(timeout, 'timeout'),
  };
}
