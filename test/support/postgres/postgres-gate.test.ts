import pg from 'pg';
import { expect, it } from 'vitest';
import { dropTables, POSTGRES_URL, postgresDescribe, postgresReachable, uniqueTablePrefix } from './postgres-gate.js';

const describePostgres = await postgresDescribe();

it('uniqueTablePrefix differs on every call, names its label and is a plain identifier', () => {
  const prefixes = new Set(Array.from({ length: 100 }, () => uniqueTablePrefix('db')));
  expect(prefixes.size).toBe(100);
  for (const prefix of prefixes) expect(prefix).toMatch(new RegExp(`^t_db_${process.pid}_[0-9a-f]{6}_$`));
});

it('postgresReachable says no, within its bound, for a port nobody listens on', async () => {
  expect(await postgresReachable('postgresql://postgres@127.0.0.1:1/test')).toBe(false);
});

describePostgres('with the Postgres at 127.0.0.1:5432', () => {
  it('dropTables drops the tables with the prefix and leaves the rest', async () => {
    const prefix = uniqueTablePrefix('gate');
    const other = uniqueTablePrefix('gate');
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      for (const name of [`${prefix}a`, `${prefix}b`, `${other}a`]) await client.query(`create table ${pg.escapeIdentifier(name)} (id integer)`);
      expect(await dropTables(POSTGRES_URL, prefix)).toBe(2);
      const { rows } = await client.query<{ name: string }>(
        `select tablename as name from pg_tables where starts_with(tablename, $1) or starts_with(tablename, $2)`,
        [prefix, other],
      );
      expect(rows).toEqual([{ name: `${other}a` }]);
    } finally {
      await client.query(`drop table if exists ${pg.escapeIdentifier(`${other}a`)}`);
      await client.end();
    }
  });
});
