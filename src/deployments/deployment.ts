import { SECRET_PARAM } from '../errors/deployment-secrets.js';
import { REDACTED } from '../errors/redact-secret.js';
import type { ProviderAdapter, ProviderTarget } from '../provider-adapter.js';
import type { DeploymentConfig, DeploymentPricing } from './deployment-config.js';

/** A validated deployment, as the router uses it. Immutable; replaced, never edited. */
export interface Deployment {
  readonly id: string;
  readonly model: string;
  readonly provider: string;
  readonly providerModel: string;
  /** The base URL to show, its query values redacted; the adapter's `target` has it whole. */
  readonly baseUrl: string | undefined;
  readonly weight: number | undefined;
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
  readonly maxConcurrency: number | undefined;
  readonly timeoutMs: number | undefined;
  readonly tags: readonly string[];
  readonly priority: number;
  readonly maxInputTokens: number | undefined;
  readonly maxOutputTokens: number | undefined;
  /** The configured `pricing`, which beats the price table. */
  readonly pricing: DeploymentPricing | undefined;
  /** The model whose list price applies, when not `providerModel`. */
  readonly baseModel: string | undefined;
  readonly adapter: ProviderAdapter;
  /** What the adapter sees; its `apiKey`, `baseUrl` and `headers` are not enumerable, so logging a deployment never prints them. */
  readonly target: ProviderTarget;
  /** For a wildcard deployment (`model: 'openai/*'`), the part before `*`: it serves any model starting with it. */
  readonly wildcardPrefix: string | undefined;
  /** Where this deployment's numbers live in the stats table; set by the registry while it holds the deployment. */
  readonly stats: { slot: number };
}

/** What `router.deployments()` shows: the configuration without the key; header values and base URL query values redacted (they often carry credentials). */
export type DeploymentInfo = Omit<DeploymentConfig, 'apiKey'> & {
  id: string;
  providerModel: string;
  hasApiKey: boolean;
};

function redactParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, SECRET_PARAM.test(name) && typeof value === 'string' ? '[redacted]' : value]));
}

export function describeDeployment(deployment: Deployment): DeploymentInfo {
  const { target } = deployment;
  const info: DeploymentInfo = {
    id: deployment.id,
    model: deployment.model,
    provider: deployment.provider,
    providerModel: deployment.providerModel,
    baseUrl: deployment.baseUrl,
    headers: target.headers ? Object.fromEntries(Object.keys(target.headers).map((name) => [name, REDACTED])) : undefined,
    weight: deployment.weight,
    rpm: deployment.rpm,
    tpm: deployment.tpm,
    maxConcurrency: deployment.maxConcurrency,
    timeoutMs: deployment.timeoutMs,
    tags: [...deployment.tags],
    priority: deployment.priority,
    maxInputTokens: deployment.maxInputTokens,
    maxOutputTokens: deployment.maxOutputTokens,
    pricing: deployment.pricing ? { ...deployment.pricing } : undefined,
    baseModel: deployment.baseModel,
    params: target.params ? redactParams(target.params) : undefined,
    hasApiKey: target.apiKey !== undefined,
  };
  for (const key of Object.keys(info) as (keyof DeploymentInfo)[]) if (info[key] === undefined) delete info[key];
  return info;
}
