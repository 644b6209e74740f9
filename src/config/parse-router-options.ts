import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentConfig } from '../deployments/deployment-config.js';
import { buildDeployment } from '../deployments/build-deployment.js';
import { ConfigError, type ConfigIssue } from '../errors/router-side-errors.js';
import type { RouterCallbacks } from '../events/event-types.js';
import { cooldownPolicy, type CooldownPolicy } from '../health/cooldown-policy.js';
import type { ProviderAdapter } from '../provider-adapter.js';
import type { FallbackRoutes } from '../reliability/fallback-routes.js';
import { retryPolicy, type RetryPolicy } from '../reliability/retry-policy.js';
import { MemoryStateStore } from '../state/memory-state-store.js';
import { cacheConfig } from '../cache/cache-config.js';
import type { CacheConfig } from '../cache/response-cache.js';
import type { StateStore } from '../state/state-store.js';
import { BUILT_IN_STRATEGIES, type StrategyName } from '../strategies/built-in-strategies.js';
import { DEFAULT_STRATEGY_OPTIONS, type RoutingStrategy, type StrategyOptions } from '../strategies/routing-strategy.js';
import { partialWeightWarnings } from '../strategies/weight-warnings.js';
import { deploymentSchema } from './deployment-schema.js';
import { shortened } from './describe-value.js';
import { formatPath, formatZodIssues } from './format-zod-issues.js';
import type { PriceList } from '../pricing/price-book.js';
import type { BudgetConfig, LimitConfig } from '../spend/spend-config.js';
import { needsMissingVariable, resolveEnvReferences } from './resolve-env.js';
import { OPTIONS_EXAMPLE, routerOptionsSchema } from './router-options-schema.js';
import { clockWithNow, systemClock, type Clock } from '../time/clock.js';
import type { RouterOptions } from './router-options.js';

export const DEFAULT_TIMEOUT_MS = 600_000;
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_FALLBACKS = 5;

export interface RouterConfig {
  deployments: Deployment[];
  /** Each deployment's validated config (keys resolved), kept for `updateDeployment`. */
  configs: Map<string, DeploymentConfig>;
  strategy: RoutingStrategy;
  strategyByModel: ReadonlyMap<string, RoutingStrategy>;
  strategyOptions: StrategyOptions;
  aliases: Readonly<Record<string, string>>;
  timeoutMs: number;
  retries: RetryPolicy;
  cooldown: CooldownPolicy;
  routes: FallbackRoutes;
  maxWaitMs: number;
  streamIdleTimeoutMs: number;
  midStreamFallback: boolean;
  state: StateStore;
  /** The response cache; undefined when the router caches nothing. */
  cache: CacheConfig | undefined;
  /** The store is the router's own (none was passed): nothing but this router writes its circuits. */
  ownState: boolean;
  prices: PriceList | undefined;
  budgets: BudgetConfig[];
  limits: LimitConfig[];
  callbacks: RouterCallbacks[];
  random: () => number;
  clock: Clock;
  /** The clock's `now`, bound once. */
  now: () => number;
  /** Things in the config that work but may not mean what was meant, for `warning` events. */
  warnings: string[];
}

function clockOf(value: RouterOptions, issues: ConfigIssue[]): Clock {
  if (value.clock && value.now) issues.push({ path: 'now', message: 'pass either clock or now, not both; clock.now already sets the time' });
  return value.clock ?? (value.now ? clockWithNow(value.now) : systemClock);
}

function strategyOf(choice: StrategyName | RoutingStrategy | undefined): RoutingStrategy {
  return typeof choice === 'object' ? choice : BUILT_IN_STRATEGIES[choice ?? 'simple-shuffle']();
}

/** Every model that fallbacks, aliases and per-model strategies name must be one the router serves. */
function checkModelNames(value: RouterOptions, models: ReadonlySet<string>, issues: ConfigIssue[]): void {
  const known = [...models].join(', ');
  const check = (path: readonly PropertyKey[], model: string) => {
    if (!models.has(model)) issues.push({ path: formatPath(path), message: `no deployment serves model '${shortened(model)}'; known models: ${known}` });
  };
  for (const [alias, model] of Object.entries(value.aliases ?? {})) {
    check(['aliases', alias], model);
    if (models.has(alias)) issues.push({ path: `aliases.${alias}`, message: `'${alias}' is already a model name; an alias must be a new name` });
  }
  for (const model of Object.keys(value.strategyByModel ?? {})) check(['strategyByModel', model], model);
  for (const option of ['fallbacks', 'contextWindowFallbacks', 'contentPolicyFallbacks'] as const) {
    for (const [from, targets] of Object.entries(value[option] ?? {})) {
      if (from !== '*') check([option, from], from);
      targets.forEach((target, i) => check([option, from, i], target));
    }
  }
  value.defaultFallbacks?.forEach((target, i) => check(['defaultFallbacks', i], target));
}

/** The options keyed by model name. */
const BY_MODEL = ['aliases', 'strategyByModel', 'fallbacks', 'contextWindowFallbacks', 'contentPolicyFallbacks', 'prices'] as const;

/** A `__proto__` key (JSON.parse makes it an own one) cannot be kept as a key of the parsed options, so it is refused, never dropped. */
function checkPrototypeKeys(options: unknown, issues: ConfigIssue[]): void {
  for (const option of BY_MODEL) {
    const map: unknown = (options as Record<string, unknown>)[option];
    if (typeof map === 'object' && map !== null && Object.hasOwn(map, '__proto__')) {
      issues.push({ path: `${option}.__proto__`, message: "'__proto__' cannot be a key here; serve that model under another name" });
    }
  }
}

type Providers = ReadonlyMap<string, ProviderAdapter>;

/** Turns schema-valid configs into deployments; a problem, including an id already taken, goes to `issues`. */
function buildAll(
  configs: ReadonlyArray<{ config: DeploymentConfig; path: string }>,
  providers: Providers,
  takenIds: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
  issues: ConfigIssue[],
): Array<{ deployment: Deployment; config: DeploymentConfig }> {
  const deployments: Array<{ deployment: Deployment; config: DeploymentConfig }> = [];
  const pathById = new Map<string, string>();
  for (const { config, path } of configs) {
    const deployment = buildDeployment(config, path, providers.get(config.provider) as ProviderAdapter, env, issues);
    if (!deployment) continue;
    const clash = pathById.get(deployment.id) ?? (takenIds.has(deployment.id) ? 'a deployment the router already has' : undefined);
    if (clash) {
      issues.push({ path: `${path}.id`, message: `duplicate deployment id '${deployment.id}' (same as ${clash}); give one of them its own id` });
      continue;
    }
    pathById.set(deployment.id, path);
    deployments.push({ deployment, config });
  }
  return deployments;
}

/** Validates router options; throws one ConfigError listing every problem. */
export function parseRouterOptions(options: unknown, providers: Providers, env: NodeJS.ProcessEnv = process.env): RouterConfig {
  if (options === undefined) throw new ConfigError([{ path: '', message: OPTIONS_EXAMPLE }]);
  const issues: ConfigIssue[] = [];
  const deploymentsInput = (options as { deployments?: unknown } | undefined)?.deployments;
  const resolved = Array.isArray(deploymentsInput)
    ? { ...(options as object), deployments: deploymentsInput.map((d, i) => resolveEnvReferences(d, `deployments[${i}]`, env, issues)) }
    : options;
  const missingEnv = issues.map((issue) => issue.path);
  const schema = routerOptionsSchema([...providers.keys()]);
  const parsed = schema.safeParse(resolved);
  if (!parsed.success) {
    const schemaIssues = formatZodIssues(parsed.error, resolved, schema).filter((issue) => !missingEnv.includes(issue.path));
    throw new ConfigError([...issues, ...schemaIssues]);
  }
  const value = parsed.data as RouterOptions;

  const configs = value.deployments.map((config, i) => ({ config, path: `deployments[${i}]` })).filter(({ path }) => !needsMissingVariable(path, missingEnv));
  const built = buildAll(configs, providers, new Set(), env, issues);
  checkModelNames(value, new Set(value.deployments.map((d) => d.model)), issues);
  checkPrototypeKeys(options, issues);
  const clock = clockOf(value, issues);
  if (issues.length > 0) throw new ConfigError(issues);

  return {
    deployments: built.map((b) => b.deployment),
    configs: new Map(built.map((b) => [b.deployment.id, b.config])),
    strategy: strategyOf(value.strategy),
    strategyByModel: new Map(Object.entries(value.strategyByModel ?? {}).map(([model, choice]) => [model, strategyOf(choice)])),
    strategyOptions: { ...DEFAULT_STRATEGY_OPTIONS, ...value.strategyOptions },
    aliases: value.aliases ?? {},
    timeoutMs: value.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: retryPolicy(value.retries),
    cooldown: cooldownPolicy(value.cooldown),
    routes: {
      fallbacks: value.fallbacks ?? {},
      contextWindowFallbacks: value.contextWindowFallbacks,
      contentPolicyFallbacks: value.contentPolicyFallbacks,
      defaultFallbacks: value.defaultFallbacks ?? [],
      maxFallbacks: value.maxFallbacks ?? DEFAULT_MAX_FALLBACKS,
    },
    maxWaitMs: value.maxWaitMs ?? 0,
    streamIdleTimeoutMs: value.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    midStreamFallback: value.midStreamFallback ?? false,
    state: value.state ?? new MemoryStateStore(),
    cache: value.cache === undefined ? undefined : cacheConfig(value.cache),
    ownState: value.state === undefined,
    prices: value.prices,
    budgets: value.budgets ?? [],
    limits: value.limits ?? [],
    callbacks: value.callbacks ?? [],
    random: value.random ?? Math.random,
    clock,
    now: clock === systemClock ? Date.now : clock.now.bind(clock),
    warnings: partialWeightWarnings(built.map((b) => b.deployment)),
  };
}

/** Validates one deployment added or changed at run time against the router's providers and the ids it already has. */
export function parseDeployment(
  config: unknown,
  providers: Providers,
  takenIds: ReadonlySet<string>,
  env: NodeJS.ProcessEnv = process.env,
): { deployment: Deployment; config: DeploymentConfig } {
  const issues: ConfigIssue[] = [];
  const resolved = resolveEnvReferences(config, 'deployment', env, issues);
  const missingEnv = issues.map((issue) => issue.path);
  const schema = deploymentSchema([...providers.keys()]);
  const parsed = schema.safeParse(resolved);
  if (!parsed.success) {
    const schemaIssues = formatZodIssues(parsed.error, resolved, schema).map((i) => ({ ...i, path: i.path ? `deployment.${i.path}` : 'deployment' }));
    throw new ConfigError([...issues, ...schemaIssues.filter((issue) => !missingEnv.includes(issue.path))]);
  }
  if (needsMissingVariable('deployment', missingEnv)) throw new ConfigError(issues);
  const [built] = buildAll([{ config: parsed.data as DeploymentConfig, path: 'deployment' }], providers, takenIds, env, issues);
  if (!built || issues.length > 0) throw new ConfigError(issues);
  return built;
}
