import { shortened } from '../config/describe-value.js';
import { assembleRouterOptions } from './assemble-router-options.js';
import { ConfigDraft, type CacheDraft, type Placed } from './config-draft.js';
import { ConfigFileError } from './config-file-error.js';
import { childPath, ConfigReport } from './config-report.js';
import { readConfigSource } from './config-source.js';
import { mergedEnvironment, readEnvironmentVariables, resolveSections, type Environment } from './environment.js';
import { readGeneralSettings } from './general-settings.js';
import { readLiteLLMSettings } from './litellm-settings.js';
import type { GatewaySettings, LoadedConfig, RedisConnection } from './loaded-config.js';
import { readModelList } from './model-list.js';
import { parseYaml } from './parse-yaml.js';
import { isMapping } from './read-mapping.js';
import { readRouterSettings } from './router-settings.js';
import { readCacheSettings, readRateLimitConfig, readTutorialFallbacks, readTutorialRouter } from './tutorial-sections.js';
import { readKeySettings, readUserConfig } from './users-and-keys.js';
import { validateRouterOptions } from './validate-router-options.js';

export interface LoadConfigOptions {
  /** Where `os.environ/NAME`, `${NAME}` and the default variables (OPENAI_API_KEY, DATABASE_URL…) are read. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** The sections, in the order they are read: `router.weights` names deployments of `model_list`. */
const SECTIONS: Readonly<Record<string, (value: unknown, draft: ConfigDraft) => void>> = {
  environment_variables: () => undefined,
  model_list: readModelList,
  router_settings: readRouterSettings,
  litellm_settings: readLiteLLMSettings,
  general_settings: readGeneralSettings,
  user_config: readUserConfig,
  key_settings: readKeySettings,
  fallback_mapping: (value, draft) => readTutorialFallbacks(value, 'fallback_mapping', draft),
  fallback_config: (value, draft) => readTutorialFallbacks(value, 'fallback_config', draft),
  rate_limit_config: readRateLimitConfig,
  cache_settings: readCacheSettings,
  router: readTutorialRouter,
};

/** Whether a key's or user's `models` entry names something callers can ask for: a group, an alias, or a name a wildcard group serves. */
function checkModelNames(draft: ConfigDraft, records: readonly Placed<{ models?: string[] }>[], aliases: ReadonlySet<string>): void {
  const groups = draft.modelNames();
  const wildcards = [...groups].filter((g) => g.endsWith('*')).map((g) => g.slice(0, -1));
  for (const { value, path } of records) {
    value.models?.forEach((model, index) => {
      if (groups.has(model) || aliases.has(model) || wildcards.some((prefix) => model.startsWith(prefix))) return;
      draft.report.error(
        `${childPath(path, 'models')}[${index}]`,
        `no deployment serves model '${shortened(model)}'; model_list has: ${[...groups].join(', ')}`,
      );
    });
  }
}

function gatewaySettings(draft: ConfigDraft, env: Environment): GatewaySettings {
  const gateway: Record<string, unknown> = {};
  for (const field of [
    'masterKey',
    'database',
    'maxBodyBytes',
    'metrics',
    'metricsOpen',
    'basePath',
    'tablePrefix',
    'keyRefreshMs',
    'spendLogFlushMs',
    'tagRouting',
  ]) {
    const offered = draft.settings.get(`gateway.${field}`);
    if (offered !== undefined) gateway[field] = offered.value;
  }
  gateway.masterKey ??= env.SWITCHYARD_MASTER_KEY || env.LITELLM_MASTER_KEY || undefined;
  gateway.database ??= env.DATABASE_URL || undefined;
  if (draft.observability.prometheus) gateway.metrics ??= true;
  return Object.fromEntries(Object.entries(gateway).filter(([, value]) => value !== undefined)) as GatewaySettings;
}

/** Reads the parsed file: every section, the router's own checks, then what each part of switchyard needs. */
function interpret(document: unknown, baseEnv: Environment, label: string): LoadedConfig {
  const report = new ConfigReport();
  if (!isMapping(document)) {
    const message =
      document == null ? 'the file is empty: it needs at least a model_list' : 'expected a mapping of sections (model_list, router_settings, …) at the top';
    throw new ConfigFileError([{ path: '', message }], label);
  }
  const environmentVariables = readEnvironmentVariables(document.environment_variables, baseEnv, report);
  const env = mergedEnvironment(baseEnv, environmentVariables);
  const sections = resolveSections(document, env, report);
  if (report.issues.length > 0) throw new ConfigFileError(report.issues, label);

  const draft = new ConfigDraft(report, env);
  for (const key of Object.keys(sections)) {
    if (key === 'include') report.warn(key, 'not supported: the files it names are not read; put their sections in this file');
    else if (!Object.hasOwn(SECTIONS, key)) report.unknownKey(key, key, Object.keys(SECTIONS));
  }
  for (const [key, read] of Object.entries(SECTIONS)) {
    const value = Object.hasOwn(sections, key) ? sections[key] : undefined;
    if (key === 'model_list' || (value !== undefined && value !== null)) read(value, draft);
  }
  const { options, origins } = assembleRouterOptions(draft);
  checkModelNames(draft, [...draft.users, ...draft.keys], new Set(Object.keys(options.aliases ?? {})));
  if (report.issues.length > 0) throw new ConfigFileError(report.issues, label);
  validateRouterOptions(options, origins, env, label);

  const cache = draft.settings.get<CacheDraft>('cache')?.value;
  const maxParallel = draft.settings.get<number>('gateway.maxParallelRequests')?.value;
  const loaded: LoadedConfig = {
    router: options,
    gateway: gatewaySettings(draft, env),
    users: draft.users.map((u) => u.value),
    keys: draft.keys.map((k) => k.value),
    observability: { ...draft.observability },
    environmentVariables,
    warnings: report.warnings,
  };
  const stateRedis = draft.settings.get<RedisConnection>('stateRedis')?.value;
  if (stateRedis) loaded.redis = stateRedis;
  if (cache?.redis) loaded.cacheRedis = cache.redis;
  if (maxParallel !== undefined) loaded.gatewayMaxParallelRequests = maxParallel;
  return loaded;
}

/**
 * Reads a LiteLLM `config.yaml` (and the tutorial dialect blog posts use) into switchyard's
 * options. `pathOrYamlText` is YAML text when it holds a newline or starts like YAML
 * (`model_list:`), else a file's path. Keys switchyard does not use are `warnings`, each naming
 * its path; a value it cannot use is a `ConfigError` (a `ConfigFileError`) naming its path.
 * Keys and passwords from the file never appear in either. Nothing is connected: see
 * `routerFromConfig` for a router with its Redis stores.
 */
export async function loadConfig(pathOrYamlText: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const source = await readConfigSource(pathOrYamlText);
  const document = await parseYaml(source);
  return interpret(document, options.env ?? process.env, source.label);
}
