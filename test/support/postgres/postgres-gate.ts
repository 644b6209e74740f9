import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describeIf, type GatedDescribe } from '../redis/gated-describe.js';

export const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/** Whether the Postgres at `url` answers `select 1` within `boundMs`. */
export async function postgresReachable(url = POSTGRES_URL, boundMs = 2_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: boundMs, query_timeout: boundMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Probes the Postgres at `url` once and returns the `describe` to use for tests that need it; meant for the top of a test file:
 * `const describePostgres = await postgresDescribe();`. Under CI=true the tests run (and fail) when it does not answer.
 */
export async function postgresDescribe(url = POSTGRES_URL): Promise<GatedDescribe> {
  const { hostname, port } = new URL(url);
  const why =
    `Postgres at ${hostname}:${port || 5432} is not running: skipped outside CI; ` +
    'start it with pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (with CI=true these tests fail instead)';
  return describeIf(await postgresReachable(url), why);
}

/** A table prefix no other test run shares, e.g. `t_db_4242_9f1c2a_`: short, since Postgres cuts names at 63 bytes. */
export function uniqueTablePrefix(label: string): string {
  return `t_${label}_${process.pid}_${randomBytes(3).toString('hex')}_`;
}

/** Drops every table in the connection's current schema whose name starts with `prefix` (their indexes go with them). Returns how many. */
export async function dropTables(url: string, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = current_schema() and starts_with(tablename, $1)`,
      [prefix],
    );
    if (rows.length > 0) await client.query(`drop table ${rows.map((row) => pg.escapeIdentifier(row.name)).join(', ')}`);
    return rows.length;
  } finally {
    await client.end();
  }
}
