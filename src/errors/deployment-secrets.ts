import type { ProviderTarget } from '../provider-adapter.js';
import { MIN_SECRET_CHARS, REDACTED } from './redact-secret.js';

/** Params whose names say they hold a credential (AWS keys, tokens, passwords). */
export const SECRET_PARAM = /secret|token|password|key/i;

type SecretSource = Pick<ProviderTarget, 'apiKey' | 'baseUrl' | 'headers' | 'params'>;

const secretsByTarget = new WeakMap<SecretSource, readonly string[]>();

function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** The values of a URL's query string, as written and decoded. */
function queryValues(url: string): string[] {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return [];
  const values: string[] = [];
  for (const pair of url.slice(queryAt + 1).split('&')) {
    const equals = pair.indexOf('=');
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    if (value) values.push(value, decoded(value));
  }
  return values;
}

/** A header value, and the credentials alone when it is `<scheme> <credentials>` (`Bearer sk-…`), as a provider may echo either. */
function headerValues(value: string): string[] {
  const credentials = /^\S+\s+(\S.*)$/.exec(value)?.[1];
  return credentials ? [value, credentials] : [value];
}

/**
 * Everything of a deployment that may be a credential: its key, every header value, every
 * query-string value of its base URL, and params named like credentials. Longest first, so
 * redacting them in order takes a value that holds another whole. Worked out once per target.
 */
export function deploymentSecrets(target: SecretSource): readonly string[] {
  let secrets = secretsByTarget.get(target);
  if (!secrets) {
    const found = [
      target.apiKey ?? '',
      ...Object.values(target.headers ?? {}).flatMap(headerValues),
      ...queryValues(target.baseUrl),
      ...Object.entries(target.params ?? {}).map(([name, value]) => (SECRET_PARAM.test(name) && typeof value === 'string' ? value : '')),
    ];
    secrets = [...new Set(found.filter((secret) => secret.length >= MIN_SECRET_CHARS))].sort((a, b) => b.length - a.length);
    secretsByTarget.set(target, secrets);
  }
  return secrets;
}

/** A URL to show: every query-string value replaced by `[redacted]`, the names kept. */
export function urlWithoutSecrets(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const pairs = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals === -1 || equals === pair.length - 1 ? pair : `${pair.slice(0, equals)}=${REDACTED}`;
    });
  return `${url.slice(0, queryAt)}?${pairs.join('&')}`;
}
