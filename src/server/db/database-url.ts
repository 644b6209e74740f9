import { ConfigError } from '../../errors/router-side-errors.js';

export type DatabaseTarget =
  | { dialect: 'sqlite'; filename: string; location: string }
  | {
      dialect: 'postgres';
      connectionString: string;
      /** The URL without its password nor query: safe to show. */
      location: string;
      /** What errors must not show. */
      secrets: string[];
    };

const MEMORY = ':memory:';
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

function badUrl(message: string): ConfigError {
  return new ConfigError([{ path: 'database', message }]);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `postgresql://user:secret@host:5432/db?password=…` as `postgresql://user@host:5432/db`, and the secrets it holds. */
function postgresTarget(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl('the postgresql:// URL given does not parse; expected postgresql://user:password@host:5432/database');
  }
  const secrets = [parsed.password, decoded(parsed.password), parsed.searchParams.get('password') ?? ''].filter((secret) => secret.length > 0);
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return { dialect: 'postgres', connectionString: url, location: parsed.toString(), secrets: [...new Set(secrets)].sort((a, b) => b.length - a.length) };
}

/**
 * Where the gateway keeps its tables: undefined, `:memory:` or `sqlite::memory:` → SQLite in memory;
 * `sqlite:./path.db` or a plain path → a SQLite file; `postgres://` or `postgresql://` → Postgres.
 */
export function databaseTarget(url: string | undefined): DatabaseTarget {
  if (url === undefined || url === MEMORY || url === `sqlite:${MEMORY}`) return { dialect: 'sqlite', filename: MEMORY, location: `sqlite:${MEMORY}` };
  if (typeof url !== 'string' || url.trim() === '') {
    throw badUrl('expected a SQLite path (sqlite:./switchyard.db), a postgresql:// URL, or nothing for an in-memory SQLite database');
  }
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return postgresTarget(url);
  if (scheme !== undefined && scheme !== 'sqlite') {
    throw badUrl(`${scheme}:// is not supported; use a SQLite path (sqlite:./switchyard.db) or a postgresql:// URL`);
  }
  const filename = url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (filename === '') throw badUrl('sqlite: names no file; expected sqlite:./switchyard.db or sqlite::memory:');
  return { dialect: 'sqlite', filename, location: `sqlite:${filename}` };
}
