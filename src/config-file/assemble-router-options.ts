import type { CacheOptions } from '../cache/cache-options.js';
import type { RouterOptions } from '../config/router-options.js';
import type { DeploymentConfig } from '../deployments/deployment-config.js';
import type { CooldownOptions } from '../health/cooldown-policy.js';
import type { RetryOptions } from '../reliability/retry-policy.js';
import type { StrategyOptions } from '../strategies/routing-strategy.js';
import type { CacheDraft, ConfigDraft } from './config-draft.js';
import type { DeploymentDraft } from './deployment-draft.js';
import { OriginMap } from './origin-map.js';

/** The deployment's config, and where each of its fields came from. */
function deploymentConfig(draft: DeploymentDraft, index: number, defaultMaxConcurrency: number | undefined, origins: OriginMap): DeploymentConfig {
  const at = (...path: PropertyKey[]) => ['deployments', index, ...path];
  origins.set(at(), draft.path);
  const config: DeploymentConfig = { model: draft.modelName, provider: draft.provider, providerModel: draft.target.providerModel };
  const fields = config as unknown as Record<string, unknown>;
  for (const field of [
    'apiKey',
    'baseUrl',
    'weight',
    'rpm',
    'tpm',
    'maxConcurrency',
    'timeoutMs',
    'tags',
    'priority',
    'maxInputTokens',
    'maxOutputTokens',
    'baseModel',
    'id',
  ]) {
    const offered = draft.slots.get(field);
    if (offered === undefined) continue;
    fields[field] = offered.value;
    origins.set(at(field), offered.path);
  }
  if (config.maxConcurrency === undefined && defaultMaxConcurrency !== undefined) config.maxConcurrency = defaultMaxConcurrency;
  for (const [group, origin] of [
    ['params', 'params'],
    ['headers', 'headers'],
    ['pricing', 'pricing'],
  ] as const) {
    const parts = draft.slots.parts(group);
    if (parts.length === 0) continue;
    fields[origin] = Object.fromEntries(parts.map(([name, offered]) => [name, offered.value]));
    for (const [name, offered] of parts) origins.set(at(origin, name), offered.path);
  }
  return config;
}

/** LiteLLM's `stream_timeout` is per deployment; switchyard's idle limit is the router's: the longest one given. */
function streamTimeout(draft: ConfigDraft): { ms: number; path: string } | undefined {
  const given = draft.deployments
    .filter((d) => !d.skipped)
    .map((d) => d.slots.get<number>('streamTimeoutMs'))
    .filter((offered) => offered !== undefined);
  if (given.length === 0) return undefined;
  const longest = given.reduce((a, b) => (b.value > a.value ? b : a));
  if (given.some((offered) => offered.value !== longest.value)) {
    draft.report.warn(
      longest.path,
      `switchyard's stream idle limit is one for the router: the longest stream_timeout (${longest.value / 1000} s) applies to every deployment`,
    );
  }
  return { ms: longest.value, path: longest.path };
}

/** Options made of the settings named `prefix.field`: `{ field: value }`, or undefined when none is set. */
function grouped<T extends object>(draft: ConfigDraft, prefix: string, fields: readonly (keyof T & string)[], origins: OriginMap): T | undefined {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const offered = draft.settings.get(`${prefix}.${field}`);
    if (offered === undefined) continue;
    out[field] = offered.value;
    origins.set([prefix, field], offered.path);
  }
  return Object.keys(out).length === 0 ? undefined : (out as T);
}

function cacheOptions(cache: CacheDraft, origins: OriginMap): CacheOptions {
  for (const [option, path] of Object.entries(cache.origins)) origins.set(option.split('.'), path);
  return { ...cache.options };
}

/** The router's options from what the sections read (no state store, no cache store: see LoadedConfig), with each option's origin in the file. */
export function assembleRouterOptions(draft: ConfigDraft): { options: RouterOptions; origins: OriginMap } {
  const origins = new OriginMap();
  const defaultMaxConcurrency = draft.settings.get<number>('defaultMaxConcurrency')?.value;
  const live = draft.deployments.filter((d) => !d.skipped);
  const options: RouterOptions = { deployments: live.map((d, i) => deploymentConfig(d, i, defaultMaxConcurrency, origins)) };
  const single = (option: keyof RouterOptions, name: string = option) => {
    const offered = draft.settings.get(name);
    if (offered === undefined) return;
    (options as unknown as Record<string, unknown>)[option] = offered.value;
    origins.set([option], offered.path);
  };
  single('strategy');
  single('timeoutMs');
  single('maxFallbacks');
  single('defaultFallbacks');
  single('streamIdleTimeoutMs');
  if (options.streamIdleTimeoutMs === undefined) {
    const stream = streamTimeout(draft);
    if (stream) {
      options.streamIdleTimeoutMs = stream.ms;
      origins.set(['streamIdleTimeoutMs'], stream.path);
    }
  }
  const retries = grouped<RetryOptions>(draft, 'retries', ['max', 'minDelayMs'], origins) ?? {};
  const byError = draft.settings.parts<number>('retries.byError');
  if (byError.length > 0) {
    retries.byError = Object.fromEntries(byError.map(([errorClass, offered]) => [errorClass, offered.value]));
    for (const [errorClass, offered] of byError) origins.set(['retries', 'byError', errorClass], offered.path);
  }
  if (Object.keys(retries).length > 0) options.retries = retries;
  const cooldown = grouped<CooldownOptions>(draft, 'cooldown', ['allowedFails', 'cooldownMs', 'disabled'], origins);
  if (cooldown) options.cooldown = cooldown;
  const strategyOptions = grouped<StrategyOptions>(draft, 'strategyOptions', ['latencyBuffer', 'latencyTtlMs'], origins);
  if (strategyOptions) options.strategyOptions = strategyOptions;
  for (const option of ['fallbacks', 'contextWindowFallbacks', 'contentPolicyFallbacks', 'aliases'] as const) {
    const parts = draft.settings.parts<never>(option);
    if (parts.length === 0) continue;
    options[option] = Object.fromEntries(parts.map(([model, offered]) => [model, offered.value]));
    for (const [model, offered] of parts) origins.set([option, model], offered.path);
  }
  if (draft.budgets.length > 0) {
    options.budgets = draft.budgets.map((b) => b.value);
    draft.budgets.forEach((b, i) => origins.set(['budgets', i], b.path));
  }
  if (draft.limits.length > 0) {
    options.limits = draft.limits.map((l) => l.value);
    draft.limits.forEach((l, i) => origins.set(['limits', i], l.path));
  }
  const cache = draft.settings.get<CacheDraft>('cache')?.value;
  if (cache) options.cache = cacheOptions(cache, origins);
  return { options, origins };
}
