import { frozenPricing } from '../pricing/frozen-pricing.js';
import type { ConfigIssue } from '../errors/router-side-errors.js';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { urlWithoutSecrets } from '../errors/deployment-secrets.js';
import type { ProviderAdapter } from '../provider-adapter.js';
import type { Deployment } from './deployment.js';
import type { DeploymentConfig } from './deployment-config.js';
import { deriveDeploymentId } from './deployment-id.js';
import { targetWithHiddenCredentials } from './hidden-credentials.js';

/** No trailing slash on the path; a query string (`?api_key=…`) kept at the end, an empty one dropped. */
function trimmedBaseUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url.replace(/\/+$/, '');
  const query = url.slice(queryAt);
  return url.slice(0, queryAt).replace(/\/+$/, '') + (query === '?' ? '' : query);
}

/**
 * A validated deployment config into the router's form: provider defaults applied, the key
 * found, the id derived. Problems go to `issues` under `path`; the key is never in them.
 */
export function buildDeployment(
  config: DeploymentConfig,
  path: string,
  adapter: ProviderAdapter,
  env: NodeJS.ProcessEnv,
  issues: ConfigIssue[],
): Deployment | undefined {
  const before = issues.length;
  const label = `${path} (model '${config.model}', provider '${config.provider}')`;
  const wildcardPrefix = config.model.endsWith('*') ? config.model.slice(0, -1) : undefined;
  // A wildcard deployment passes the requested name through: `openai/*` serves `openai/gpt-4o` as `gpt-4o`.
  const providerModel = config.providerModel ?? (wildcardPrefix === undefined ? config.model : '*');

  const givenBaseUrl = config.baseUrl ?? adapter.defaultBaseUrlFor?.(config.params, env) ?? adapter.defaultBaseUrl;
  const baseUrl = givenBaseUrl === undefined ? undefined : trimmedBaseUrl(givenBaseUrl);
  if (!baseUrl && adapter.chat.kind === 'http') {
    issues.push({
      path: `${path}.baseUrl`,
      message: `provider '${adapter.name}' needs a baseUrl including the version path, such as http://localhost:8000/v1`,
    });
  }

  const apiKey = config.apiKey || (adapter.apiKeyEnv ? env[adapter.apiKeyEnv] : undefined) || undefined;
  if (!apiKey && adapter.apiKeyRequired && !adapter.credentialsInParams?.(config.params)) {
    issues.push({ path: label, message: `no API key: set apiKey or the ${adapter.apiKeyEnv ?? 'provider key'} environment variable` });
  }

  if (adapter.paramsSchema && config.params !== undefined) {
    const parsed = adapter.paramsSchema.safeParse(config.params);
    if (!parsed.success) {
      for (const issue of formatZodIssues(parsed.error, config.params, adapter.paramsSchema)) {
        issues.push({ path: `${path}.params${issue.path.startsWith('[') ? '' : '.'}${issue.path}`, message: issue.message });
      }
    }
  }
  if (issues.length > before) return undefined;

  const id =
    config.id ??
    deriveDeploymentId({
      model: config.model,
      provider: config.provider,
      providerModel,
      baseUrl,
      apiKey,
      headers: config.headers,
      params: config.params,
    });
  const target = targetWithHiddenCredentials(
    {
      deploymentId: id,
      provider: config.provider,
      providerModel,
      params: config.params ? Object.freeze({ ...config.params }) : undefined,
      maxOutputTokens: config.maxOutputTokens,
    },
    { apiKey, baseUrl: baseUrl ?? '', headers: config.headers ? Object.freeze({ ...config.headers }) : undefined },
  );

  return Object.freeze({
    id,
    model: config.model,
    provider: config.provider,
    providerModel,
    baseUrl: baseUrl === undefined ? undefined : urlWithoutSecrets(baseUrl),
    weight: config.weight,
    rpm: config.rpm,
    tpm: config.tpm,
    maxConcurrency: config.maxConcurrency,
    timeoutMs: config.timeoutMs,
    tags: Object.freeze([...(config.tags ?? [])]),
    priority: config.priority ?? 0,
    maxInputTokens: config.maxInputTokens,
    maxOutputTokens: config.maxOutputTokens,
    pricing: config.pricing ? frozenPricing(config.pricing) : undefined,
    baseModel: config.baseModel,
    adapter,
    target,
    wildcardPrefix,
    stats: { slot: -1 },
  });
}
