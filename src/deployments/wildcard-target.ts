import type { Deployment } from './deployment.js';
import { targetWithHiddenCredentials } from './hidden-credentials.js';

/** Derived deployments are remembered per wildcard deployment, up to this many names each. */
const MAX_NAMES = 1_000;
const derived = new WeakMap<Deployment, Map<string, Deployment>>();

/**
 * A wildcard deployment as it serves one requested name: `*` in its provider model is
 * replaced by what the request put where the `*` of its model stands. Same id, same
 * stats; only the provider model differs. Other deployments are returned as they are.
 */
export function servingModel(deployment: Deployment, requested: string): Deployment {
  const prefix = deployment.wildcardPrefix;
  if (prefix === undefined) return deployment;
  let byName = derived.get(deployment);
  if (!byName) {
    byName = new Map();
    derived.set(deployment, byName);
  }
  let serving = byName.get(requested);
  if (!serving) {
    const providerModel = deployment.providerModel.replace('*', requested.slice(prefix.length));
    const target = targetWithHiddenCredentials({ ...deployment.target, providerModel }, deployment.target);
    serving = Object.freeze({ ...deployment, providerModel, target });
    if (byName.size >= MAX_NAMES) byName.clear();
    byName.set(requested, serving);
  }
  return serving;
}
