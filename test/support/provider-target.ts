import type { ProviderTarget } from 'switchyard';

/** What an adapter is handed for one deployment, for tests that call the adapter's functions directly. */
export function providerTarget(target: Pick<ProviderTarget, 'deploymentId' | 'provider' | 'providerModel' | 'baseUrl' | 'apiKey'>): ProviderTarget {
  return { headers: undefined, params: undefined, maxOutputTokens: undefined, ...target };
}
