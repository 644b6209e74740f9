import { describe, expect, it } from 'vitest';
import { RecordExistsError, SpendLogWriter, type GatewayDatabase, type SpendLogRow } from '../../../src/server/db/index.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { eventually } from './eventually.js';
import { spendRow } from './spend-rows.js';

/** Opens an empty database of the kind under test, with this clock; the suite closes it. */
export type OpenEmptyDatabase = (now: () => number) => Promise<GatewayDatabase>;

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** The behaviour every dialect must show: run by each dialect's test file. */
export function databaseSuite(openEmpty: OpenEmptyDatabase): void {
  let clock = T0;
  async function open(): Promise<GatewayDatabase> {
    clock = T0;
    const db = await openEmpty(() => clock);
    afterThisTest(() => db.close());
    return db;
  }

  describe('keys', () => {
    it('creates a key with defaults and reads it back by token and by alias', async () => {
      const db = await open();
      const created = await db.keys.create({ token: 'a'.repeat(64), key_name: 'sk-...abcd', key_alias: 'app' });
      expect(created).toEqual({
        token: 'a'.repeat(64),
        key_name: 'sk-...abcd',
        key_alias: 'app',
        user_id: null,
        team_id: null,
        max_budget: null,
        budget_duration: null,
        rpm_limit: null,
        tpm_limit: null,
        models: [],
        metadata: {},
        max_parallel_requests: null,
        expires: null,
        blocked: false,
        spend: 0,
        created_at: T0,
        updated_at: T0,
      });
      expect(await db.keys.get('a'.repeat(64))).toEqual(created);
      expect(await db.keys.getByAlias('app')).toEqual(created);
      expect(await db.keys.get('b'.repeat(64))).toBeUndefined();
      expect(await db.keys.getByAlias('other')).toBeUndefined();
    });

    it('keeps every field, JSON ones included, as given', async () => {
      const db = await open();
      const metadata = { team: 'café ☕', nested: { list: [1, 'two', null], flag: true }, quote: `it's "quoted"` };
      const fields = {
        token: 'tok-full',
        key_name: 'sk-...wxyz',
        key_alias: null,
        user_id: 'u1',
        team_id: 't1',
        max_budget: 12.5,
        budget_duration: '30d',
        rpm_limit: 20,
        tpm_limit: 5_000_000_000,
        models: ['gpt-4o', 'claude-sonnet'],
        metadata,
        max_parallel_requests: 4,
        expires: T0 + 86_400_000,
        blocked: true,
      };
      const created = await db.keys.create(fields);
      expect(created).toEqual({ ...fields, spend: 0, created_at: T0, updated_at: T0 });
      expect(await db.keys.get('tok-full')).toEqual(created);
    });

    it('refuses a second key with the same token or the same alias, and takes many keys without an alias', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok-1', key_name: 'sk-...0001', key_alias: 'shared' });
      await db.keys.create({ token: 'tok-2', key_name: 'sk-...0002' });
      await db.keys.create({ token: 'tok-3', key_name: 'sk-...0003' });

      const sameToken = await db.keys.create({ token: 'tok-1', key_name: 'sk-...0001' }).catch((error: unknown) => error);
      expect(sameToken).toBeInstanceOf(RecordExistsError);
      expect(sameToken).toMatchObject({ param: 'token', status: 400 });
      const sameAlias = await db.keys.create({ token: 'tok-4', key_name: 'sk-...0004', key_alias: 'shared' }).catch((error: unknown) => error);
      expect(sameAlias).toMatchObject({ param: 'key_alias', message: expect.stringContaining("key_alias 'shared'") as string });
      expect(await db.keys.get('tok-4')).toBeUndefined();
      expect((await db.keys.list()).total_count).toBe(3);
    });

    it('updates only the fields given: null clears one, a stray token is ignored, updated_at moves', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok', key_name: 'sk-...abcd', key_alias: 'a', max_budget: 5, models: ['gpt-4o'], metadata: { a: 1 } });
      clock = T0 + 1_000;
      const changes = { max_budget: null, rpm_limit: 7, blocked: true, metadata: { b: 2 }, token: 'other' };
      const updated = await db.keys.update('tok', changes);
      expect(updated).toMatchObject({ token: 'tok', key_alias: 'a', max_budget: null, rpm_limit: 7, blocked: true, models: ['gpt-4o'], metadata: { b: 2 } });
      expect(updated).toMatchObject({ created_at: T0, updated_at: T0 + 1_000 });
      expect(await db.keys.get('tok')).toEqual(updated);
      expect(await db.keys.get('other')).toBeUndefined();

      expect(await db.keys.update('tok', { blocked: false, spend: 3.5 })).toMatchObject({ blocked: false, spend: 3.5 });
      expect(await db.keys.update('missing', { rpm_limit: 1 })).toBeUndefined();
    });

    it('refuses an update to an alias another key has, and changes nothing', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok-1', key_name: 'sk-...0001', key_alias: 'one' });
      await db.keys.create({ token: 'tok-2', key_name: 'sk-...0002', key_alias: 'two' });
      const latest = await db.changes.latest();
      await expect(db.keys.update('tok-2', { key_alias: 'one', rpm_limit: 3 })).rejects.toMatchObject({ param: 'key_alias' });
      expect(await db.keys.get('tok-2')).toMatchObject({ key_alias: 'two', rpm_limit: null });
      expect(await db.changes.latest()).toBe(latest);
    });

    it('deletes keys and answers the tokens that existed', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok-1', key_name: 'sk-...0001' });
      await db.keys.create({ token: 'tok-2', key_name: 'sk-...0002' });
      await db.keys.create({ token: 'tok-3', key_name: 'sk-...0003' });
      expect(await db.keys.delete(['tok-2', 'missing', 'tok-1', 'tok-2'])).toEqual(['tok-1', 'tok-2']);
      expect(await db.keys.get('tok-1')).toBeUndefined();
      expect(await db.keys.get('tok-2')).toBeUndefined();
      expect(await db.keys.get('tok-3')).toBeDefined();
      expect(await db.keys.delete(['tok-1'])).toEqual([]);
    });

    it("lists keys oldest first, a page at a time, optionally only a user's or a team's", async () => {
      const db = await open();
      for (let i = 1; i <= 5; i++) {
        clock = T0 + i;
        await db.keys.create({ token: `tok-${i}`, key_name: `sk-...000${i}`, user_id: i % 2 === 0 ? 'even' : 'odd', team_id: i <= 2 ? 'early' : null });
      }
      const all = await db.keys.list();
      expect(all).toMatchObject({ total_count: 5, page: 1, size: 10, total_pages: 1 });
      expect(all.items.map((key) => key.token)).toEqual(['tok-1', 'tok-2', 'tok-3', 'tok-4', 'tok-5']);

      const second = await db.keys.list({ page: 2, size: 2 });
      expect(second).toMatchObject({ total_count: 5, page: 2, size: 2, total_pages: 3 });
      expect(second.items.map((key) => key.token)).toEqual(['tok-3', 'tok-4']);
      expect((await db.keys.list({ page: 4, size: 2 })).items).toEqual([]);

      const odd = await db.keys.list({ user_id: 'odd' });
      expect(odd.items.map((key) => key.token)).toEqual(['tok-1', 'tok-3', 'tok-5']);
      expect(odd.total_count).toBe(3);
      const oddEarly = await db.keys.list({ user_id: 'odd', team_id: 'early' });
      expect(oddEarly.items.map((key) => key.token)).toEqual(['tok-1']);
      expect((await db.keys.list({ team_id: 'nobody' })).total_count).toBe(0);
    });

    it('refuses a page or size that is not a whole number in range, naming it', async () => {
      const db = await open();
      await expect(db.keys.list({ page: 0 })).rejects.toThrow(/^page: expected a whole number/);
      await expect(db.keys.list({ size: 1_001 })).rejects.toThrow(/^size: expected a whole number from 1 to 1000, got 1001/);
      await expect(db.users.list({ size: 2.5 })).rejects.toThrow(/^size:/);
    });
  });

  describe('users', () => {
    it('creates, reads, updates, lists and deletes users', async () => {
      const db = await open();
      const created = await db.users.create({ user_id: 'ann', user_email: 'ann@example.com', max_budget: 10, budget_duration: '1d', models: ['gpt-4o'] });
      expect(created).toEqual({
        user_id: 'ann',
        user_email: 'ann@example.com',
        max_budget: 10,
        budget_duration: '1d',
        rpm_limit: null,
        tpm_limit: null,
        models: ['gpt-4o'],
        metadata: {},
        spend: 0,
        created_at: T0,
        updated_at: T0,
      });
      expect(await db.users.get('ann')).toEqual(created);
      await expect(db.users.create({ user_id: 'ann' })).rejects.toMatchObject({ param: 'user_id', name: 'RecordExistsError' });

      clock = T0 + 5;
      await db.users.create({ user_id: 'bob', metadata: { role: 'dev' } });
      const updated = await db.users.update('ann', { tpm_limit: 1_000, user_email: null, metadata: { x: [1] } });
      expect(updated).toMatchObject({ tpm_limit: 1_000, user_email: null, max_budget: 10, metadata: { x: [1] }, updated_at: T0 + 5 });
      expect(await db.users.update('nobody', { tpm_limit: 1 })).toBeUndefined();

      const page = await db.users.list({ size: 1, page: 2 });
      expect(page).toMatchObject({ total_count: 2, total_pages: 2 });
      expect(page.items.map((user) => user.user_id)).toEqual(['bob']);

      expect(await db.users.delete(['bob', 'nobody'])).toEqual(['bob']);
      expect(await db.users.get('bob')).toBeUndefined();
      expect((await db.users.list()).items.map((user) => user.user_id)).toEqual(['ann']);
    });

    it("resets a user's spend to 0 and keeps the user's spend logs", async () => {
      const db = await open();
      await db.users.create({ user_id: 'ann', max_budget: 1 });
      await db.spend.write([spendRow({ user_id: 'ann', spend: 0.75 })]);
      expect(await db.users.get('ann')).toMatchObject({ spend: 0.75 });

      clock = T0 + 9;
      expect(await db.users.resetSpend('ann')).toMatchObject({ user_id: 'ann', spend: 0, max_budget: 1, updated_at: T0 + 9 });
      expect(await db.users.get('ann')).toMatchObject({ spend: 0 });
      expect(await db.spend.total({ user_id: 'ann' })).toBe(0.75);
      expect(await db.users.resetSpend('nobody')).toBeUndefined();
    });
  });

  describe('teams', () => {
    it('creates, reads, updates, lists and deletes teams', async () => {
      const db = await open();
      const created = await db.teams.create({ team_id: 'core', team_alias: 'Core', rpm_limit: 100, models: ['a', 'b'], metadata: { cost_center: 42 } });
      expect(created).toEqual({
        team_id: 'core',
        team_alias: 'Core',
        max_budget: null,
        budget_duration: null,
        rpm_limit: 100,
        tpm_limit: null,
        models: ['a', 'b'],
        metadata: { cost_center: 42 },
        blocked: false,
        spend: 0,
        created_at: T0,
        updated_at: T0,
      });
      expect(await db.teams.get('core')).toEqual(created);
      await expect(db.teams.create({ team_id: 'core' })).rejects.toMatchObject({ param: 'team_id' });

      clock = T0 + 3;
      await db.teams.create({ team_id: 'edge' });
      expect(await db.teams.update('core', { blocked: true, models: [] })).toMatchObject({ blocked: true, models: [], rpm_limit: 100, updated_at: T0 + 3 });
      expect(await db.teams.update('nobody', { blocked: true })).toBeUndefined();
      expect((await db.teams.list()).items.map((team) => team.team_id)).toEqual(['core', 'edge']);

      expect(await db.teams.delete(['core'])).toEqual(['core']);
      expect(await db.teams.get('core')).toBeUndefined();
      expect((await db.teams.list()).total_count).toBe(1);
    });
  });

  describe('changes', () => {
    it('lists every key, user and team write in order, one change per record written', async () => {
      const db = await open();
      expect(await db.changes.latest()).toBe(0);
      expect(await db.changes.since(0)).toEqual([]);

      await db.keys.create({ token: 'tok-1', key_name: 'sk-...0001' });
      await db.users.create({ user_id: 'ann' });
      clock = T0 + 1;
      await db.teams.create({ team_id: 'core' });
      await db.keys.update('tok-1', { rpm_limit: 3 });
      await db.keys.update('missing', { rpm_limit: 3 });
      await db.users.resetSpend('ann');
      await db.keys.create({ token: 'tok-2', key_name: 'sk-...0002' });
      await db.keys.delete(['tok-2', 'tok-1', 'missing']);
      await db.teams.update('core', { blocked: true });
      await db.users.delete(['ann']);
      await db.teams.delete(['core']);
      await db.spend.write([spendRow({ token: 'tok-1', user_id: 'ann', team_id: 'core' })]);

      const changes = await db.changes.since(0);
      expect(changes.map(({ kind, ref }) => `${kind}:${ref}`)).toEqual([
        'key:tok-1',
        'user:ann',
        'team:core',
        'key:tok-1',
        'user:ann',
        'key:tok-2',
        'key:tok-1',
        'key:tok-2',
        'team:core',
        'user:ann',
        'team:core',
      ]);
      expect(changes.map((change) => change.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(changes.slice(0, 3).map((change) => change.at)).toEqual([T0, T0, T0 + 1]);
      expect(await db.changes.latest()).toBe(11);
      expect((await db.changes.since(9)).map((change) => change.id)).toEqual([10, 11]);
      expect(await db.changes.since(11)).toEqual([]);
    });

    it('gives writes made at once distinct ids with no gap', async () => {
      const db = await open();
      await Promise.all(Array.from({ length: 20 }, (_, i) => db.users.create({ user_id: `user-${i}` })));
      await Promise.all(Array.from({ length: 20 }, (_, i) => db.users.update(`user-${i}`, { rpm_limit: i })));
      const changes = await db.changes.since(0);
      expect(changes.map((change) => change.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(changes.map((change) => change.ref)).size).toBe(20);
      expect(await db.changes.latest()).toBe(40);
    });
  });

  describe('spend', () => {
    it('writes rows and adds their spend to their keys, users and teams in one go', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok-1', key_name: 'sk-...0001', user_id: 'ann', team_id: 'core' });
      await db.keys.create({ token: 'tok-2', key_name: 'sk-...0002' });
      await db.users.create({ user_id: 'ann' });
      await db.teams.create({ team_id: 'core' });
      const latest = await db.changes.latest();

      const written = await db.spend.write([
        spendRow({ token: 'tok-1', user_id: 'ann', team_id: 'core', spend: 0.5 }),
        spendRow({ token: 'tok-1', user_id: 'ann', team_id: 'core', spend: 0.25 }),
        spendRow({ token: 'tok-2', user_id: 'ann', spend: 1 }),
        spendRow({ token: null, team_id: 'core', spend: 2 }),
        spendRow({ token: 'tok-gone', user_id: 'nobody', spend: 4 }),
        spendRow({ token: 'tok-2', status: 'failure', error_type: 'RateLimitError', spend: 0 }),
      ]);
      expect(written).toBe(6);
      expect(await db.keys.get('tok-1')).toMatchObject({ spend: 0.75 });
      expect(await db.keys.get('tok-2')).toMatchObject({ spend: 1 });
      expect(await db.users.get('ann')).toMatchObject({ spend: 1.75 });
      expect(await db.teams.get('core')).toMatchObject({ spend: 2.75 });
      expect(await db.spend.total()).toBe(7.75);
      expect(await db.changes.latest()).toBe(latest);
    });

    it('skips a row whose request_id is already written, its spend not added twice', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok', key_name: 'sk-...0001' });
      const first = spendRow({ token: 'tok', spend: 1 });
      expect(await db.spend.write([first])).toBe(1);
      expect(await db.spend.write([first, spendRow({ token: 'tok', spend: 2 })])).toBe(1);
      expect(await db.keys.get('tok')).toMatchObject({ spend: 3 });
      expect(await db.spend.total({ token: 'tok' })).toBe(3);
      expect(await db.spend.write([])).toBe(0);
    });

    it('writes nothing when one row of the batch is refused', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok', key_name: 'sk-...0001' });
      const broken = { ...spendRow({ token: 'tok' }), model_group: null } as unknown as SpendLogRow;
      await expect(db.spend.write([spendRow({ token: 'tok', spend: 1 }), broken])).rejects.toThrow();
      expect(await db.spend.logs()).toEqual([]);
      expect(await db.keys.get('tok')).toMatchObject({ spend: 0 });
    });

    it('writes a batch larger than one insert statement takes', async () => {
      const db = await open();
      await db.teams.create({ team_id: 'core' });
      const rows = Array.from({ length: 1_234 }, () => spendRow({ team_id: 'core', spend: 0.5 }));
      expect(await db.spend.write(rows)).toBe(1_234);
      expect(await db.teams.get('core')).toMatchObject({ spend: 617 });
      expect(await db.spend.logs({ team_id: 'core', limit: 10_000 })).toHaveLength(1_234);
    });

    it('keeps every field of a row, tags and flags included', async () => {
      const db = await open();
      const row = spendRow({
        token: 'tok',
        key_alias: 'app',
        user_id: 'ann',
        team_id: 'core',
        end_user: 'customer-7',
        deployment_id: null,
        provider: null,
        status: 'failure',
        error_type: 'TimeoutError',
        cache_hit: true,
        tags: ['prod', 'ünïcode'],
        spend: 0.000123,
        latency_ms: 1234.5,
      });
      await db.spend.write([row]);
      expect(await db.spend.logs()).toEqual([row]);
    });

    it('filters logs by key, user, team, model, request and a time range, newest first', async () => {
      const db = await open();
      const rows = [
        spendRow({ token: 'k1', user_id: 'ann', team_id: 'core', model_group: 'gpt-4o', start_time: T0, spend: 1 }),
        spendRow({ token: 'k1', user_id: 'ann', team_id: 'core', model_group: 'claude', start_time: T0 + HOUR, spend: 2 }),
        spendRow({ token: 'k2', user_id: 'bob', team_id: 'core', model_group: 'gpt-4o', start_time: T0 + 2 * HOUR, spend: 4 }),
        spendRow({ token: 'k3', user_id: 'bob', team_id: null, model_group: 'gpt-4o', start_time: T0 + 3 * HOUR, spend: 8 }),
      ];
      await db.spend.write(rows);
      const ids = (found: SpendLogRow[]) => found.map((row) => row.request_id);
      const [r0, r1, r2, r3] = rows.map((row) => row.request_id);

      expect(ids(await db.spend.logs())).toEqual([r3, r2, r1, r0]);
      expect(ids(await db.spend.logs({ token: 'k1' }))).toEqual([r1, r0]);
      expect(ids(await db.spend.logs({ user_id: 'bob' }))).toEqual([r3, r2]);
      expect(ids(await db.spend.logs({ team_id: 'core' }))).toEqual([r2, r1, r0]);
      expect(ids(await db.spend.logs({ model_group: 'gpt-4o', user_id: 'bob' }))).toEqual([r3, r2]);
      expect(ids(await db.spend.logs({ request_id: r1 }))).toEqual([r1]);
      expect(ids(await db.spend.logs({ start: new Date(T0 + HOUR), end: new Date(T0 + 3 * HOUR) }))).toEqual([r2, r1]);
      expect(ids(await db.spend.logs({ start: new Date(T0 + HOUR) }))).toEqual([r3, r2, r1]);
      expect(ids(await db.spend.logs({ end: new Date(T0 + HOUR) }))).toEqual([r0]);
      expect(ids(await db.spend.logs({ limit: 2 }))).toEqual([r3, r2]);
      expect(await db.spend.logs({ token: 'nobody' })).toEqual([]);

      expect(await db.spend.total()).toBe(15);
      expect(await db.spend.total({ team_id: 'core', start: new Date(T0 + HOUR) })).toBe(6);
      expect(await db.spend.total({ model_group: 'gpt-4o' })).toBe(13);
      expect(await db.spend.total({ token: 'nobody' })).toBe(0);
    });

    it('refuses a bad limit or time, naming it', async () => {
      const db = await open();
      await expect(db.spend.logs({ limit: 0 })).rejects.toThrow(/^limit: expected a whole number from 1 to 10000/);
      await expect(db.spend.logs({ start: new Date('not a date') })).rejects.toThrow(/^start: expected a valid Date/);
      await expect(db.spend.total({ end: 'yesterday' as unknown as Date })).rejects.toThrow(/^end: expected a valid Date/);
      await expect(db.spend.spentSince({ scope: 'key', id: 'k' }, new Date(NaN))).rejects.toThrow(/^since:/);
      await expect(db.spend.spentSince({ scope: 'tag' as 'key', id: 'k' }, new Date(T0))).rejects.toThrow(/^scope: expected 'key', 'user' or 'team'/);
    });

    it('sums what a key, a user or a team spent in calls started since a time', async () => {
      const db = await open();
      await db.spend.write([
        spendRow({ token: 'k1', user_id: 'ann', team_id: 'core', start_time: T0 - 1, spend: 1 }),
        spendRow({ token: 'k1', user_id: 'ann', team_id: 'core', start_time: T0, spend: 2 }),
        spendRow({ token: 'k2', user_id: 'ann', team_id: 'edge', start_time: T0 + HOUR, spend: 4 }),
      ]);
      expect(await db.spend.spentSince({ scope: 'key', id: 'k1' }, new Date(0))).toBe(3);
      expect(await db.spend.spentSince({ scope: 'key', id: 'k1' }, new Date(T0))).toBe(2);
      expect(await db.spend.spentSince({ scope: 'user', id: 'ann' }, new Date(T0))).toBe(6);
      expect(await db.spend.spentSince({ scope: 'team', id: 'edge' }, new Date(T0))).toBe(4);
      expect(await db.spend.spentSince({ scope: 'team', id: 'core' }, new Date(T0 + 1))).toBe(0);
      expect(await db.spend.spentSince({ scope: 'user', id: 'nobody' }, new Date(0))).toBe(0);
    });
  });

  describe('SpendLogWriter', () => {
    const written = async (db: GatewayDatabase) => (await db.spend.logs({ limit: 10_000 })).length;

    it('writes a batch as soon as maxBatch rows wait, and the rest on close', async () => {
      const db = await open();
      await db.keys.create({ token: 'tok', key_name: 'sk-...0001' });
      const writer = new SpendLogWriter(db, { maxBatch: 3, flushMs: HOUR });
      for (let i = 0; i < 3; i++) writer.add(spendRow({ token: 'tok', spend: 1 }));
      await eventually(async () => (await written(db)) === 3);
      writer.add(spendRow({ token: 'tok', spend: 1 }));
      writer.add(spendRow({ token: 'tok', spend: 1 }));
      expect(writer.pending).toBe(2);
      expect(await written(db)).toBe(3);

      await writer.close();
      expect(await written(db)).toBe(5);
      expect(writer.pending).toBe(0);
      expect(await db.keys.get('tok')).toMatchObject({ spend: 5 });
    });

    it('writes what waits flushMs after the first row', async () => {
      const db = await open();
      const writer = new SpendLogWriter(db, { flushMs: 5 });
      afterThisTest(() => writer.close());
      writer.add(spendRow());
      writer.add(spendRow());
      await eventually(async () => (await written(db)) === 2);
      writer.add(spendRow());
      await eventually(async () => (await written(db)) === 3);
    });

    it('close writes everything queued, many batches of it', async () => {
      const db = await open();
      const writer = new SpendLogWriter(db, { flushMs: HOUR });
      for (let i = 0; i < 1_201; i++) writer.add(spendRow({ user_id: 'ann' }));
      await writer.close();
      expect(await written(db)).toBe(1_201);
    });

    it('keeps a batch that failed, ahead of newer rows, and writes it with the next flush', async () => {
      const db = await open();
      let failures = 1;
      const batches: string[][] = [];
      const flaky = {
        spend: {
          write: (rows: readonly SpendLogRow[]) => {
            if (failures-- > 0) return Promise.reject(new Error('database went away'));
            batches.push(rows.map((row) => row.request_id));
            return db.spend.write(rows);
          },
        },
      };
      const writer = new SpendLogWriter(flaky, { flushMs: HOUR, maxBatch: 2 });
      const rows = [spendRow(), spendRow(), spendRow()];
      writer.add(rows[0] as SpendLogRow);
      await expect(writer.flush()).rejects.toThrow('database went away');
      expect(writer.pending).toBe(1);
      writer.add(rows[1] as SpendLogRow);
      writer.add(rows[2] as SpendLogRow);
      await writer.flush();
      expect(batches).toEqual([rows.slice(0, 2).map((row) => row.request_id), [rows[2]?.request_id]]);
      expect(await written(db)).toBe(3);
      await writer.close();
    });

    it('reports a failed background batch through onError and writes it on a later flush', async () => {
      const db = await open();
      let failures = 2;
      const errors: unknown[] = [];
      const flaky = {
        spend: {
          write: (rows: readonly SpendLogRow[]) => (failures-- > 0 ? Promise.reject(new Error(`attempt failed`)) : db.spend.write(rows)),
        },
      };
      const writer = new SpendLogWriter(flaky, { flushMs: 5, onError: (error) => errors.push(error) });
      afterThisTest(() => writer.close());
      writer.add(spendRow());
      await eventually(async () => (await written(db)) === 1);
      expect(errors).toHaveLength(2);
      expect(errors[0]).toBeInstanceOf(Error);
      expect(writer.pending).toBe(0);
    });

    it('writes rows that came while a background batch was failing, with that batch, later', async () => {
      const db = await open();
      let release = () => {};
      const stalled = new Promise<void>((resolve) => (release = resolve));
      let failures = 1;
      const flaky = {
        spend: {
          write: async (rows: readonly SpendLogRow[]) => {
            if (failures-- > 0) {
              await stalled;
              throw new Error('lost the connection');
            }
            return db.spend.write(rows);
          },
        },
      };
      const errors: unknown[] = [];
      const writer = new SpendLogWriter(flaky, { flushMs: 5, maxBatch: 1, onError: (error) => errors.push(error) });
      afterThisTest(() => writer.close());
      afterThisTest(release);
      writer.add(spendRow());
      writer.add(spendRow());
      release();
      await eventually(async () => (await written(db)) === 2);
      expect(errors).toEqual([new Error('lost the connection')]);
      expect(writer.pending).toBe(0);
    });

    it('never throws from add after close: the row is reported through onError', async () => {
      const db = await open();
      const errors: unknown[] = [];
      const writer = new SpendLogWriter(db, { onError: (error) => errors.push(error) });
      await writer.close();
      const late = spendRow();
      expect(() => writer.add(late)).not.toThrow();
      expect(String(errors[0])).toContain(late.request_id);
      expect(writer.pending).toBe(0);
      await writer.close();
    });

    it('refuses a flushMs or maxBatch that is not a whole number of at least 1', async () => {
      const db = await open();
      expect(() => new SpendLogWriter(db, { flushMs: 0 })).toThrow(/^flushMs: expected a whole number of at least 1, got 0/);
      expect(() => new SpendLogWriter(db, { maxBatch: 1.5 })).toThrow(/^maxBatch:/);
    });
  });

  it('answers ping while open, and refuses after close', async () => {
    const db = await openEmpty(() => clock);
    await expect(db.ping()).resolves.toBeUndefined();
    await db.close();
    await expect(db.ping()).rejects.toThrow();
  });
}
