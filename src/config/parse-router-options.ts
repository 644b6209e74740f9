import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentConfig } from '../deployments/deployment-config.js';
import { buildDeployment } from '../deployments/build-deployment.js';
import { ConfigError, type ConfigIssue } from '../errors/router-side-errors.js';
import type { RouterCallbacks } from '../events/event-types.js';
import type { ProviderAdapter } from '../provider-adapter.js';
import { BUILT_IN_STRATEGIES, type StrategyName } from '../strategies/built-in-strategies.js';
import type { RoutingStrategy } from '../strategies/routing-strategy.js';
import { formatZodIssues } from './format-zod-issues.js';
import { resolveEnvReferences } from './resolve-env.js';
import { routerOptionsSchema } from './router-options-schema.js';
import type { RouterOptions } from './router-options.js';

export const DEFAULT_TIMEOUT_MS = 600_000;

export interface RouterConfig {
  deployments: Deployment[];
  strategy: RoutingStrategy;
  timeoutMs: number;
  callbacks: RouterCallbacks[];
  random: () => number;
  now: () => number;
}

function withResolvedEnv(options: unknown, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): unknown {
  if (!options || typeof options !== 'object' || !Array.isArray((options as RouterOptions).deployments)) return options;
  const deployments = (options as RouterOptions).deployments.map((d, i) => resolveEnvReferences(d, `deployments[${i}]`, env, issues));
  return { ...options, deployments };
}

/** Checks deployments against providers and each other; returns those that are sound. */
export function buildDeployments(
  configs: readonly DeploymentConfig[],
  providers: ReadonlyMap<string, ProviderAdapter>,
  env: NodeJS.ProcessEnv,
  issues: ConfigIssue[],
  pathOf: (index: number) => string = (i) => `deployments[${i}]`,
  takenIds: ReadonlySet<string> = new Set(),
): Deployment[] {
  const deployments: Deployment[] = [];
  const seen = new Map<string, string>();
  configs.forEach((config, index) => {
    const adapter = providers.get(config.provider) as ProviderAdapter;
    const deployment = buildDeployment(config, pathOf(index), adapter, env, issues);
    if (!deployment) return;
    const clash = seen.get(deployment.id) ?? (takenIds.has(deployment.id) ? 'an existing deployment' : undefined);
    if (clash) {
      issues.push({ path: `${pathOf(index)}.id`, message: `duplicate deployment id '${deployment.id}' (same as ${clash}); give one of them its own id` });
      return;
    }
    seen.set(deployment.id, pathOf(index));
    deployments.push(deployment);
  });
  return deployments;
}

/** Validates router options; throws one ConfigError listing every problem. */
export function parseRouterOptions(
  options: unknown,
  providers: ReadonlyMap<string, ProviderAdapter>,
  env: NodeJS.ProcessEnv = process.env,
): RouterConfig {
  const issues: ConfigIssue[] = [];
  const resolved = withResolvedEnv(options, env, issues);
  const schema = routerOptionsSchema([...providers.keys()]);
  const parsed = schema.safeParse(resolved);
  if (!parsed.success) throw new ConfigError([...issues, ...formatZodIssues(parsed.error, resolved, schema)]);
  const value = parsed.data as RouterOptions;

  const deployments = buildDeployments(value.deployments, providers, env, issues);
  if (issues.length > 0) throw new ConfigError(issues);

  const strategy =
    typeof value.strategy === 'object' ? value.strategy : BUILT_IN_STRATEGIES[(value.strategy ?? 'simple-shuffle') as StrategyName]();
  return {
    deployments,
    strategy,
    timeoutMs: value.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    callbacks: value.callbacks ?? [],
    random: value.random ?? Math.random,
    now: value.now ?? Date.now,
  };
}
