import * as z from 'zod';
import { budgetPeriodSchema } from './budget-period.js';
import { childPath } from './config-report.js';
import type { CacheDraft, ConfigDraft } from './config-draft.js';
import { boolean, checked, nonNegativeInteger, nonNegativeNumber, positiveInteger, seconds, text } from './config-values.js';
import { PROVIDER_PREFIXES } from './provider-prefixes.js';
import { isMapping, readMapping, type KeyReader } from './read-mapping.js';
import { prefixSchema, redisConnection, redisUrl, type RedisFieldPaths, type RedisFields } from './redis-url.js';
import { reliabilityReaders, settingReader, timeoutReader } from './reliability-readers.js';
import { ROUTING_STRATEGIES, STRATEGY_CHOICES } from './routing-strategies.js';
import { Rank } from './setting-slots.js';

const RANK = Rank.routerSettings;

/** LiteLLM's RetryPolicy fields → the error classes switchyard names them by. */
const RETRY_POLICY: Readonly<Record<string, string>> = {
  BadRequestErrorRetries: 'BadRequestError',
  AuthenticationErrorRetries: 'AuthenticationError',
  TimeoutErrorRetries: 'TimeoutError',
  RateLimitErrorRetries: 'RateLimitError',
  ContentPolicyViolationErrorRetries: 'ContentPolicyViolationError',
  InternalServerErrorRetries: 'InternalServerError',
};

function strategyReader(draft: ConfigDraft, rank: number): KeyReader {
  return settingReader(
    draft,
    'strategy',
    z
      .string({ error: `expected one of ${STRATEGY_CHOICES}` })
      .refine((name) => Object.hasOwn(ROUTING_STRATEGIES, name), { error: `expected one of ${STRATEGY_CHOICES}` }),
    rank,
    (name) => ROUTING_STRATEGIES[name],
  );
}

function readStrategyArgs(value: unknown, path: string, draft: ConfigDraft): void {
  readMapping(
    value,
    path,
    draft.report,
    {
      ttl: settingReader(draft, 'strategyOptions.latencyTtlMs', seconds('3600'), RANK),
      lowest_latency_buffer: settingReader(draft, 'strategyOptions.latencyBuffer', nonNegativeNumber(), RANK),
    },
    '{ ttl: 3600, lowest_latency_buffer: 0.5 }',
  );
}

function readRetryPolicy(value: unknown, path: string, draft: ConfigDraft): void {
  const readers = Object.fromEntries(
    Object.entries(RETRY_POLICY).map(([field, errorClass]): [string, KeyReader] => [
      field,
      (count, at) => {
        const read = checked(nonNegativeInteger(), count, at, draft.report);
        if (read !== undefined) draft.settings.offer('retries.byError', errorClass, read, at, RANK);
      },
    ]),
  );
  readMapping(value, path, draft.report, readers, '{ RateLimitErrorRetries: 3, TimeoutErrorRetries: 1 }');
}

function readAliases(value: unknown, path: string, draft: ConfigDraft): void {
  if (!isMapping(value)) return draft.report.error(path, 'expected a mapping of alias to model group, such as { gpt-4: gpt-4o }');
  for (const [alias, target] of Object.entries(value)) {
    const at = childPath(path, alias);
    const model = isMapping(target) ? target.model : target;
    const read = checked(
      text('expected the model group the alias stands for, or { model, hidden }'),
      model,
      isMapping(target) ? childPath(at, 'model') : at,
      draft.report,
    );
    if (read !== undefined) draft.settings.offer('aliases', alias, read, at, RANK);
    if (isMapping(target)) {
      for (const key of Object.keys(target)) if (key !== 'model' && key !== 'hidden') draft.report.unknownKey(childPath(at, key), key, ['model', 'hidden']);
      if (target.hidden === false) draft.report.warn(childPath(at, 'hidden'), 'aliases are never listed by /v1/models');
    }
  }
}

/** `provider_budget_config: { openai: { budget_limit: 100, time_period: 1d } }` → provider budgets. */
function readProviderBudgets(value: unknown, path: string, draft: ConfigDraft): void {
  if (!isMapping(value)) return draft.report.error(path, 'expected a mapping such as { openai: { budget_limit: 100, time_period: 1d } }');
  for (const [name, budget] of Object.entries(value)) {
    const at = childPath(path, name);
    const provider = Object.hasOwn(PROVIDER_PREFIXES, name) ? (PROVIDER_PREFIXES[name]?.provider as string) : name;
    const fields: { maxUsd?: number; period?: string } = {};
    readMapping(
      budget,
      at,
      draft.report,
      {
        budget_limit: (limit, limitAt) =>
          void (fields.maxUsd = checked(nonNegativeNumber('expected an amount in USD of 0 or more'), limit, limitAt, draft.report)),
        time_period: (period, periodAt) => void (fields.period = checked(budgetPeriodSchema(), period, periodAt, draft.report)),
      },
      '{ budget_limit: 100, time_period: 1d }',
    );
    if (fields.maxUsd === undefined) {
      if (isMapping(budget) && budget.budget_limit == null) draft.report.error(childPath(at, 'budget_limit'), 'is required: the budget in USD');
      continue;
    }
    draft.budgets.push({ value: { scope: 'provider', id: provider, maxUsd: fields.maxUsd, ...(fields.period ? { period: fields.period } : {}) }, path: at });
  }
}

/**
 * `router_settings`: LiteLLM's Router arguments. Strategy, retries (`num_retries`,
 * `retry_after` as the least backoff, `retry_policy`), `timeout` and `stream_timeout`,
 * fallbacks, cooldowns (`allowed_fails`, `cooldown_time`, 0 turning them off), aliases, provider
 * budgets, the Redis server of shared state and `cache_responses`. `enable_pre_call_checks` is what
 * switchyard always does (context-window filters); `enable_tag_filtering` is the gateway's `tagRouting`.
 */
export function readRouterSettings(value: unknown, draft: ConfigDraft): void {
  const path = 'router_settings';
  const redis: RedisFields = {};
  const redisPaths: RedisFieldPaths = {};
  let prefix: string | undefined;
  let cacheResponses: { on: boolean; path: string } | undefined;
  const server =
    (field: keyof RedisFields): KeyReader =>
    (item, at) => {
      redis[field] = item;
      redisPaths[field] = at;
    };
  const read = readMapping(
    value,
    path,
    draft.report,
    {
      ...reliabilityReaders(draft, RANK),
      routing_strategy: strategyReader(draft, RANK),
      routing_strategy_args: (args, at) => readStrategyArgs(args, at, draft),
      timeout: timeoutReader(draft, RANK),
      stream_timeout: settingReader(draft, 'streamIdleTimeoutMs', seconds('60'), RANK),
      retry_after: settingReader(draft, 'retries.minDelayMs', seconds('5'), RANK),
      retry_policy: (policy, at) => readRetryPolicy(policy, at, draft),
      max_fallbacks: settingReader(draft, 'maxFallbacks', nonNegativeInteger(), RANK),
      cooldown_time: (time, at) => {
        const read = checked(nonNegativeNumber('expected a number of seconds of 0 or more'), time, at, draft.report);
        // LiteLLM's 0 turns cooldowns off.
        if (read === 0) draft.settings.offer('cooldown.disabled', undefined, true, at, RANK);
        else if (read !== undefined) draft.settings.offer('cooldown.cooldownMs', undefined, Math.round(read * 1000), at, RANK);
      },
      disable_cooldowns: settingReader(draft, 'cooldown.disabled', boolean(), RANK),
      model_group_alias: (aliases, at) => readAliases(aliases, at, draft),
      provider_budget_config: (budgets, at) => readProviderBudgets(budgets, at, draft),
      default_max_parallel_requests: settingReader(draft, 'defaultMaxConcurrency', positiveInteger(), RANK),
      enable_pre_call_checks: (flag, at) => void checked(boolean(), flag, at, draft.report),
      enable_tag_filtering: settingReader(draft, 'gateway.tagRouting', boolean(), RANK),
      redis_host: server('host'),
      redis_port: server('port'),
      redis_password: server('password'),
      redis_url: server('url'),
      redis_prefix: (item, at) => void (prefix = checked(prefixSchema(), item, at, draft.report)),
      cache_responses: (flag, at) => {
        const on = checked(boolean(), flag, at, draft.report);
        if (on !== undefined) cacheResponses = { on, path: at };
      },
    },
    '{ routing_strategy: simple-shuffle, num_retries: 2 }',
  );
  if (!read) return;
  const url = redisUrl(redis, redisPaths, draft.env, draft.report);
  if (url !== undefined) draft.settings.offer('stateRedis', undefined, redisConnection(url, prefix), redisPaths.url ?? redisPaths.host ?? path, RANK);
  if (cacheResponses?.on) {
    const cache: CacheDraft = { options: {}, path: cacheResponses.path, origins: { cache: cacheResponses.path } };
    if (url !== undefined) cache.redis = redisConnection(url, undefined);
    draft.settings.offer('cache', undefined, cache, cacheResponses.path, Rank.tutorial);
  }
}
