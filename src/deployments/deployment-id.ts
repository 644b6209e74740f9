import { createHash } from 'node:crypto';

export interface DeploymentIdentity {
  model: string;
  provider: string;
  providerModel: string;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  headers: Record<string, string> | undefined;
  params: Record<string, unknown> | undefined;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The default deployment id: readable, and the same in every process given the same
 * config. The key enters only through a one-way hash, so two keys for one model get two
 * ids while neither key can be read back from them.
 */
export function deriveDeploymentId(identity: DeploymentIdentity): string {
  const keyDigest = identity.apiKey ? createHash('sha256').update(identity.apiKey).digest('hex') : undefined;
  const digest = createHash('sha256')
    .update(stableJson({ ...identity, apiKey: keyDigest }))
    .digest('hex')
    .slice(0, 10);
  return `${identity.provider}/${identity.providerModel}@${digest}`;
}
