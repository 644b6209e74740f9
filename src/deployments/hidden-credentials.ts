import type { ProviderTarget } from '../provider-adapter.js';

type Credentials = Pick<ProviderTarget, 'apiKey' | 'baseUrl' | 'headers'>;

const CREDENTIALS = ['apiKey', 'baseUrl', 'headers'] as const;

/**
 * A frozen target whose key, headers and base URL (its query string may hold a key) are not
 * enumerable: adapters read them as usual, while logging or serialising a deployment never prints them.
 */
export function targetWithHiddenCredentials(visible: Omit<ProviderTarget, keyof Credentials>, credentials: Credentials): ProviderTarget {
  const target = visible as ProviderTarget;
  for (const name of CREDENTIALS) Object.defineProperty(target, name, { value: credentials[name], enumerable: false });
  return Object.freeze(target);
}
