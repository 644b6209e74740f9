import { PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import { ConfigError } from '../../errors/router-side-errors.js';
import type { DatabaseTarget } from './database-url.js';

/** Postgres type ids whose text pg leaves as strings by default: bigint (times, counts) and numeric (sums of bigints). */
const INT8 = 20;
const NUMERIC = 1700;
/** pg waits forever for a connection by default: a host that drops packets would hang the gateway's start. */
const CONNECT_TIMEOUT_MS = 10_000;

function missingDriver(name: string, dialect: string): ConfigError {
  return new ConfigError([
    { path: 'database', message: `${dialect} needs the ${name} package, an optional peer dependency of switchyard/server: npm install ${name}` },
  ]);
}

async function load<T>(importing: () => Promise<T>, name: string, dialect: string): Promise<T> {
  try {
    return await importing();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' || (error as { code?: unknown }).code === 'MODULE_NOT_FOUND') {
      throw missingDriver(name, dialect);
    }
    throw error;
  }
}

async function sqliteDialect(filename: string): Promise<Dialect> {
  const { default: Database } = await load(() => import('better-sqlite3'), 'better-sqlite3', 'SQLite');
  const database = new Database(filename);
  // Readers do not wait for the writer; a second process on the same file waits for its lock instead of failing.
  if (filename !== ':memory:') database.pragma('journal_mode = WAL');
  return new SqliteDialect({ database });
}

async function postgresDialect(connectionString: string): Promise<Dialect> {
  const { Pool, TypeOverrides } = await load(() => import('pg'), 'pg', 'Postgres');
  const types = new TypeOverrides();
  types.setTypeParser(INT8, Number);
  types.setTypeParser(NUMERIC, Number);
  const pool = new Pool({ connectionString, types, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server drops emits 'error' on the pool: unheard, it would end the process. The next query reports it.
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}

/** The Kysely dialect for the target, its driver imported now: both drivers are optional, only the one asked for is loaded. */
export function connectDialect(target: DatabaseTarget): Promise<Dialect> {
  return target.dialect === 'sqlite' ? sqliteDialect(target.filename) : postgresDialect(target.connectionString);
}
