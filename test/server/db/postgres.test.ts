import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, SpendLogWriter, type GatewayDatabase } from '../../../src/server/db/index.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { dropTables, POSTGRES_URL, postgresDescribe, uniqueTablePrefix } from '../../support/postgres/postgres-gate.js';
import { databaseSuite } from './database-suite.js';
import { spendRow } from './spend-rows.js';

const describePostgres = await postgresDescribe();
const filePrefix = uniqueTablePrefix('db');
let opened = 0;
/** A prefix of this file's own for each database a test opens: dropped together after the file. */
const newPrefix = () => `${filePrefix}${++opened}_`;

async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describePostgres('Postgres', () => {
  afterAll(async () => {
    await dropTables(POSTGRES_URL, filePrefix);
  });

  databaseSuite((now) => openDatabase(POSTGRES_URL, { prefix: newPrefix(), now }));

  async function openWith(prefix: string, url = POSTGRES_URL): Promise<GatewayDatabase> {
    const db = await openDatabase(url, { prefix });
    afterThisTest(() => db.close());
    return db;
  }

  it('migrates once when replicas open the same database at once', async () => {
    const prefix = newPrefix();
    const replicas = await Promise.all(Array.from({ length: 4 }, () => openWith(prefix)));
    expect(replicas.map((db) => db.dialect)).toEqual(['postgres', 'postgres', 'postgres', 'postgres']);
    expect(await query(`select name from ${pg.escapeIdentifier(`${prefix}migrations`)}`)).toEqual([{ name: '0001_gateway_tables' }]);

    await replicas[0]?.keys.create({ token: 'tok', key_name: 'sk-...0001' });
    expect(await replicas[3]?.keys.get('tok')).toMatchObject({ token: 'tok' });
    expect(await replicas[2]?.changes.since(0)).toEqual([expect.objectContaining({ id: 1, kind: 'key', ref: 'tok' })]);
  });

  it('adds spend exactly when replicas write batches on the same keys, users and teams at once', async () => {
    const prefix = newPrefix();
    const [east, west] = [await openWith(prefix), await openWith(prefix)];
    for (const token of ['k1', 'k2', 'k3']) await east.keys.create({ token, key_name: 'sk-...0000' });
    for (const user_id of ['u1', 'u2']) await east.users.create({ user_id });
    for (const team_id of ['t1', 't2']) await east.teams.create({ team_id });

    // Each batch touches the same rows in a different order: the writes must neither deadlock nor lose an add.
    const batch = (i: number) =>
      Array.from({ length: 6 }, (_, j) =>
        spendRow({ token: `k${((i + j) % 3) + 1}`, user_id: `u${((i + j) % 2) + 1}`, team_id: `t${(j % 2) + 1}`, spend: 0.5 }),
      );
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? east : west).spend.write(batch(i))));

    const keys = await Promise.all(['k1', 'k2', 'k3'].map((token) => west.keys.get(token)));
    expect(keys.reduce((sum, key) => sum + (key?.spend ?? 0), 0)).toBe(60);
    expect(await east.users.get('u1')).toMatchObject({ spend: 30 });
    expect(await east.users.get('u2')).toMatchObject({ spend: 30 });
    expect(await west.teams.get('t1')).toMatchObject({ spend: 30 });
    expect(await west.spend.total()).toBe(60);
  });

  it('keeps spend-log rows queued while their table is missing, and writes them once it is back', async () => {
    const prefix = newPrefix();
    const db = await openWith(prefix);
    await db.keys.create({ token: 'tok', key_name: 'sk-...0001' });
    const writer = new SpendLogWriter(db, { flushMs: 3_600_000 });
    afterThisTest(() => writer.close());
    const table = pg.escapeIdentifier(`${prefix}spend_logs`);
    const away = pg.escapeIdentifier(`${prefix}spend_logs_away`);

    await query(`alter table ${table} rename to ${away}`);
    writer.add(spendRow({ token: 'tok', spend: 1 }));
    writer.add(spendRow({ token: 'tok', spend: 2 }));
    await expect(writer.flush()).rejects.toThrow(/does not exist/);
    expect(writer.pending).toBe(2);

    await query(`alter table ${away} rename to ${pg.escapeIdentifier(`${prefix}spend_logs`)}`);
    writer.add(spendRow({ token: 'tok', spend: 4 }));
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect(await db.spend.total({ token: 'tok' })).toBe(7);
    expect(await db.keys.get('tok')).toMatchObject({ spend: 7 });
  });

  it("puts its tables in the connection's schema, beside tables of the same names in another schema", async () => {
    const prefix = newPrefix();
    const schema = `${prefix}schema`;
    await openWith(prefix);
    await query(`create schema ${pg.escapeIdentifier(schema)}`);
    afterThisTest(() => query(`drop schema ${pg.escapeIdentifier(schema)} cascade`).then(() => undefined));

    const inSchema = await openWith(prefix, `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
    await inSchema.users.create({ user_id: 'ann' });
    const tables = await query<{ name: string }>(`select tablename as name from pg_tables where schemaname = $1 order by 1`, [schema]);
    expect(tables.map((table) => table.name)).toContain(`${prefix}users`);
    expect(tables.map((table) => table.name)).toContain(`${prefix}migrations`);
    expect(await query(`select user_id from ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(`${prefix}users`)}`)).toEqual([{ user_id: 'ann' }]);
    expect(await query(`select user_id from ${pg.escapeIdentifier(`${prefix}users`)}`)).toEqual([]);
  });

  it('answers times and counts as numbers, not the strings pg gives for bigint', async () => {
    const db = await openWith(newPrefix());
    const key = await db.keys.create({ token: 'tok', key_name: 'sk-...0001', expires: 4_102_444_800_000, tpm_limit: 9_000_000_000 });
    expect(key).toMatchObject({ expires: 4_102_444_800_000, tpm_limit: 9_000_000_000, created_at: expect.any(Number) as number });
    expect((await db.keys.list()).total_count).toBe(1);
    expect(await db.changes.latest()).toBe(1);
  });
});
