import type { ConfigReport } from './config-report.js';
import { checked, boolean, positiveInteger, text } from './config-values.js';
import type { Environment } from './environment.js';
import type { RedisConnection } from './loaded-config.js';

/** A Redis server as LiteLLM's settings spell it: a URL, or host, port and password (each also from REDIS_* variables). */
export interface RedisFields {
  url?: unknown;
  host?: unknown;
  port?: unknown;
  password?: unknown;
  username?: unknown;
  ssl?: unknown;
}

/** Where each field is in the file, for messages. */
export type RedisFieldPaths = Partial<Record<keyof RedisFields, string>>;

const hostPart = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * The server's URL, or undefined when the fields name none. A host without a port takes
 * REDIS_PORT or 6379, and without a password REDIS_PASSWORD. Bad values are issues at their paths;
 * the URL and the password are never shown.
 */
export function redisUrl(fields: RedisFields, paths: RedisFieldPaths, env: Environment, report: ConfigReport): string | undefined {
  if (fields.url !== undefined) {
    const url = checked(text('expected a URL such as redis://localhost:6379'), fields.url, paths.url ?? 'url', report);
    if (url === undefined) return undefined;
    if (!/^rediss?:\/\/[^\s]/.test(url) || !URL.canParse(url)) {
      report.error(paths.url ?? 'url', 'expected a redis:// or rediss:// URL such as redis://localhost:6379');
      return undefined;
    }
    return url;
  }
  if (fields.host === undefined) return undefined;
  const host = checked(text('expected a host name such as localhost'), fields.host, paths.host ?? 'host', report);
  const port = checked(
    positiveInteger().refine((p) => p <= 65535, { error: 'expected a port from 1 to 65535' }),
    fields.port ?? env.REDIS_PORT ?? 6379,
    paths.port ?? 'port',
    report,
  );
  const password = fields.password ?? env.REDIS_PASSWORD;
  const secret = password === undefined ? undefined : checked(text('expected the password as a string'), password, paths.password ?? 'password', report);
  const username = fields.username === undefined ? undefined : checked(text('expected a user name'), fields.username, paths.username ?? 'username', report);
  const ssl = fields.ssl === undefined ? false : checked(boolean(), fields.ssl, paths.ssl ?? 'ssl', report);
  if (host === undefined || port === undefined || ssl === undefined || (password !== undefined && secret === undefined)) return undefined;
  const credentials = secret === undefined ? '' : `${username === undefined ? '' : encodeURIComponent(username)}:${encodeURIComponent(secret)}@`;
  return `${ssl ? 'rediss' : 'redis'}://${credentials}${hostPart(host)}:${port}`;
}

/** A store's key prefix (`redis_prefix`): braces would break its Redis Cluster hash tag. */
export const prefixSchema = () =>
  text('expected a key prefix such as myapp:').refine((prefix) => !/[{}]/.test(prefix), { error: 'expected a prefix without braces, such as myapp:' });

/** A connection with its key prefix, when one is given. */
export function redisConnection(url: string, prefix: string | undefined): RedisConnection {
  return prefix === undefined ? { url } : { url, prefix };
}
