import { Kysely, sql } from 'kysely';
import { ConfigError } from '../../errors/router-side-errors.js';
import { withoutSecrets } from '../../errors/without-secrets.js';
import { ChangeFeed } from './change-feed.js';
import { connectDialect } from './connect-dialect.js';
import { DatabaseUnavailableError } from './database-errors.js';
import { databaseTarget, type DatabaseTarget } from './database-url.js';
import { KeyRecords } from './key-records.js';
import { LONGEST_PREFIXED_NAME, migrate } from './migrations.js';
import { SpendRecords } from './spend-records.js';
import { TablePrefixPlugin } from './table-prefix-plugin.js';
import type { Tables } from './tables.js';
import { TeamRecords } from './team-records.js';
import { UserRecords } from './user-records.js';

export interface OpenDatabaseOptions {
  /** Put before every table's name; default `switchyard_`. Letters, digits and `_`, starting with a letter or `_`. */
  prefix?: string;
  /** The clock for `created_at`, `updated_at` and changes' `at`; default `Date.now`. */
  now?: () => number;
}

/** The gateway's tables: keys, users, teams, spend logs, and the change feed replicas poll. */
export interface GatewayDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where it is, safe to show: `sqlite::memory:`, `sqlite:./switchyard.db`, `postgresql://user@host:5432/db` (no password). */
  readonly location: string;
  readonly keys: KeyRecords;
  readonly users: UserRecords;
  readonly teams: TeamRecords;
  readonly spend: SpendRecords;
  readonly changes: ChangeFeed;
  /** Resolves when the database answers a query: for readiness. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_TABLE_PREFIX = 'switchyard_';
const MAX_PREFIX_LENGTH = 63 - LONGEST_PREFIXED_NAME;
const PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkedPrefix(prefix: string): string {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix) || prefix.length > MAX_PREFIX_LENGTH) {
    throw new ConfigError([
      {
        path: 'prefix',
        message: `expected letters, digits and _ (starting with a letter or _), at most ${MAX_PREFIX_LENGTH} characters, got ${JSON.stringify(prefix)}`,
      },
    ]);
  }
  return prefix;
}

/** The schema Postgres puts unqualified names in: the migrator's tables go there too, not in another schema's copy. */
async function currentSchema(db: Kysely<unknown>, target: DatabaseTarget): Promise<string | undefined> {
  if (target.dialect !== 'postgres') return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

function unavailable(target: DatabaseTarget, error: unknown): DatabaseUnavailableError {
  const cause = target.dialect === 'postgres' ? withoutSecrets(error, target.secrets) : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DatabaseUnavailableError(`Could not open the database at ${target.location}: ${reason}`, { cause });
}

/**
 * Opens the database and brings its tables up to date. `url`: undefined, `:memory:` or `sqlite::memory:` →
 * SQLite in memory; `sqlite:./path.db` or a path → a SQLite file; `postgres://…` or `postgresql://…` → Postgres.
 * Only the driver asked for is loaded (`better-sqlite3` or `pg`, optional peer dependencies).
 * Throws ConfigError for a bad URL or prefix, DatabaseUnavailableError when it cannot connect or migrate
 * (its message shows the URL without its password).
 */
export async function openDatabase(url: string | undefined, options: OpenDatabaseOptions = {}): Promise<GatewayDatabase> {
  const target = databaseTarget(url);
  const prefix = checkedPrefix(options.prefix ?? DEFAULT_TABLE_PREFIX);
  const now = options.now ?? Date.now;
  let base: Kysely<unknown> | undefined;
  try {
    base = new Kysely<unknown>({ dialect: await connectDialect(target) });
    await migrate(base, prefix, await currentSchema(base, target));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    await base?.destroy().catch(() => {});
    throw unavailable(target, error);
  }
  const db = base.withPlugin(new TablePrefixPlugin(prefix)) as Kysely<Tables>;
  const opened = base;
  return {
    dialect: target.dialect,
    location: target.location,
    keys: new KeyRecords(db, now),
    users: new UserRecords(db, now),
    teams: new TeamRecords(db, now),
    spend: new SpendRecords(db),
    changes: new ChangeFeed(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => opened.destroy(),
  };
}
