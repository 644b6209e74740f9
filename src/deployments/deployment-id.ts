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

/**
 * JSON with sorted keys, for any value `params` may hold: a BigInt as its digits, a value
 * already being written (a class instance holding itself, such as an HTTP agent) as a marker.
 */
function stableJson(value: unknown, ancestors = new Set<object>()): string {
  if (typeof value === 'bigint') return `"${value}n"`;
  if (!value || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (ancestors.has(value)) return '"[circular]"';
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) out = `[${value.map((item) => stableJson(item, ancestors)).join(',')}]`;
  else {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v, ancestors)}`).join(',')}}`;
  }
  ancestors.delete(value);
  return out;
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
