import * as z from 'zod';
import { shortened } from '../config/describe-value.js';
import type { StrategyName } from '../strategies/built-in-strategies.js';
import { readCacheParams } from './cache-params.js';
import { childPath } from './config-report.js';
import type { ConfigDraft } from './config-draft.js';
import { boolean, checked, nonNegativeNumber } from './config-values.js';
import { DeploymentRank, type DeploymentDraft } from './deployment-draft.js';
import { readFallbacks } from './fallback-maps.js';
import { isMapping, readMapping, type KeyReader } from './read-mapping.js';
import { prefixSchema, redisConnection, redisUrl, type RedisFieldPaths, type RedisFields } from './redis-url.js';
import { ROUTING_STRATEGIES, STRATEGY_CHOICES } from './routing-strategies.js';
import { Rank } from './setting-slots.js';

const RANK = Rank.tutorial;

/** `fallback_mapping` / `fallback_config`: `{ model: [fallbacks] }`, as blog posts write LiteLLM's fallbacks. */
export function readTutorialFallbacks(value: unknown, path: string, draft: ConfigDraft): void {
  readFallbacks(value, path, 'fallbacks', draft, RANK);
}

/** `cache_settings`: `cache_params` with `enabled`. */
export function readCacheSettings(value: unknown, draft: ConfigDraft): void {
  const cache = readCacheParams(value, 'cache_settings', draft.report, draft.env, { tutorial: true });
  if (cache) draft.settings.offer('cache', undefined, cache, 'cache_settings', RANK);
}

/** `rate_limit_config`: where rate counts (and the rest of the shared state) live: `storage: redis` with its server, or `enabled: false`. */
export function readRateLimitConfig(value: unknown, draft: ConfigDraft): void {
  const path = 'rate_limit_config';
  const redis: RedisFields = {};
  const paths: RedisFieldPaths = {};
  let enabled = true;
  let storage: string | undefined;
  let prefix: string | undefined;
  const server =
    (field: keyof RedisFields): KeyReader =>
    (item, at) => {
      redis[field] = item;
      paths[field] = at;
    };
  const read = readMapping(
    value,
    path,
    draft.report,
    {
      enabled: (flag, at) => void (enabled = checked(boolean(), flag, at, draft.report) ?? enabled),
      storage: (kind, at) => void (storage = checked(z.enum(['redis', 'memory'], { error: 'expected redis or memory' }), kind, at, draft.report)),
      redis_host: server('host'),
      redis_port: server('port'),
      redis_password: server('password'),
      redis_url: server('url'),
      redis_prefix: (item, at) => void (prefix = checked(prefixSchema(), item, at, draft.report)),
      host: server('host'),
      port: server('port'),
      password: server('password'),
      url: server('url'),
    },
    '{ storage: redis, redis_host: localhost, redis_port: 6379 }',
  );
  if (!read || !enabled || storage === 'memory') return;
  const url = redisUrl(redis, paths, draft.env, draft.report);
  if (url !== undefined) draft.settings.offer('stateRedis', undefined, redisConnection(url, prefix), paths.url ?? paths.host ?? path, RANK);
  else if (storage === 'redis' && redis.url === undefined && redis.host === undefined) {
    draft.report.error(childPath(path, 'redis_host'), 'is required with storage: redis: set redis_host (and redis_port, redis_password) or redis_url');
  }
}

/** `router.type`: `weighted_round_robin` (traffic split by `weights`, picked at random in those shares), `round_robin`, or a LiteLLM strategy name. */
function strategyOf(type: string): StrategyName | undefined {
  if (type === 'weighted_round_robin') return 'simple-shuffle';
  const name = type.replaceAll('_', '-');
  return Object.hasOwn(ROUTING_STRATEGIES, name) ? ROUTING_STRATEGIES[name] : undefined;
}

/** The deployments a weight's name means: a deployment id (`model_info.id`), a `litellm_params.model`, or a model group's. */
function deploymentsNamed(name: string, deployments: readonly DeploymentDraft[]): DeploymentDraft[] {
  const byId = deployments.filter((d) => d.value('id') === name);
  if (byId.length > 0) return byId;
  const byModel = deployments.filter((d) => d.target.model === name);
  if (byModel.length > 0) return byModel;
  return deployments.filter((d) => d.modelName === name);
}

function applyWeights(value: unknown, path: string, draft: ConfigDraft): void {
  if (!isMapping(value)) return draft.report.error(path, 'expected a mapping of deployment to weight, such as { azure-gpt-4o: 3, openai-gpt-4o: 1 }');
  const live = draft.deployments.filter((d) => !d.skipped);
  for (const [name, weight] of Object.entries(value)) {
    const at = childPath(path, name);
    const read = checked(nonNegativeNumber('expected a weight of 0 or more'), weight, at, draft.report);
    if (read === undefined) continue;
    const named = deploymentsNamed(name, live);
    if (named.length === 0) {
      draft.report.error(at, `no deployment is named '${shortened(name)}': use a model_info.id, a litellm_params.model or a model_name of model_list`);
      continue;
    }
    for (const deployment of named) deployment.set('weight', read, at, DeploymentRank.entry);
    for (const group of new Set(named.map((d) => d.modelName))) {
      if (live.filter((d) => d.modelName === group).length === 1) {
        draft.report.warn(at, `model '${shortened(group)}' has one deployment: weights split a model_name's traffic between its deployments`);
      }
    }
  }
}

/** The tutorial's `router: { type, weights }`; read after `model_list`, whose deployments the weights name. */
export function readTutorialRouter(value: unknown, draft: ConfigDraft): void {
  readMapping(
    value,
    'router',
    draft.report,
    {
      type: (type, at) => {
        const error = `expected weighted_round_robin, round_robin or one of ${STRATEGY_CHOICES}`;
        const strategy = checked(
          z.string({ error }).refine((name) => strategyOf(name) !== undefined, { error }),
          type,
          at,
          draft.report,
        );
        if (strategy !== undefined) draft.settings.offer('strategy', undefined, strategyOf(strategy), at, RANK);
      },
      weights: (weights, at) => applyWeights(weights, at, draft),
    },
    '{ type: weighted_round_robin, weights: { azure-gpt-4o: 3, openai-gpt-4o: 1 } }',
  );
}
