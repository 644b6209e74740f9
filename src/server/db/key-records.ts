import type { Insertable, Kysely } from 'kysely';
import { recordChanges } from './change-feed.js';
import { isUniqueViolation, RecordExistsError } from './database-errors.js';
import { pageOf, pageWindow } from './paging.js';
import type { KeyChanges, KeyListFilter, KeyRecord, NewKey, Page } from './records.js';
import { columnsOf, KEY_FIELDS, keyRecord } from './row-mappers.js';
import type { KeysTable, Tables } from './tables.js';

/** Virtual keys by their hash (`token`). Every write adds a change in the same transaction. */
export class KeyRecords {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => number,
  ) {}

  /** Throws RecordExistsError when the token or the `key_alias` is taken. */
  async create(key: NewKey): Promise<KeyRecord> {
    const at = this.now();
    const row = {
      models: '[]',
      metadata: '{}',
      blocked: 0,
      ...columnsOf(key, KEY_FIELDS),
      token: key.token,
      key_name: key.key_name,
      spend: 0,
      created_at: at,
      updated_at: at,
    } as Insertable<KeysTable>;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const inserted = await trx.insertInto('keys').values(row).returningAll().executeTakeFirstOrThrow();
        await recordChanges(trx, 'key', [key.token], at);
        return keyRecord(inserted);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await this.get(key.token)) throw new RecordExistsError('token', key.token, 'key');
      throw new RecordExistsError('key_alias', String(key.key_alias), 'key');
    }
  }

  async get(token: string): Promise<KeyRecord | undefined> {
    const row = await this.db.selectFrom('keys').selectAll().where('token', '=', token).executeTakeFirst();
    return row && keyRecord(row);
  }

  async getByAlias(alias: string): Promise<KeyRecord | undefined> {
    const row = await this.db.selectFrom('keys').selectAll().where('key_alias', '=', alias).executeTakeFirst();
    return row && keyRecord(row);
  }

  /** Sets the fields given; undefined when no key has that token. Throws RecordExistsError when the new `key_alias` is taken. */
  async update(token: string, changes: KeyChanges): Promise<KeyRecord | undefined> {
    const at = this.now();
    const columns = columnsOf(changes, KEY_FIELDS);
    if (changes.spend !== undefined) columns.spend = changes.spend;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('keys')
          .set({ ...columns, updated_at: at })
          .where('token', '=', token)
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) return undefined;
        await recordChanges(trx, 'key', [token], at);
        return keyRecord(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RecordExistsError('key_alias', String(changes.key_alias), 'key');
      throw error;
    }
  }

  /** Deletes the keys; answers the tokens that existed. */
  async delete(tokens: readonly string[]): Promise<string[]> {
    const at = this.now();
    return this.db.transaction().execute(async (trx) => {
      const deleted: string[] = [];
      // One at a time in token order, the order spend writes lock keys in: two transactions never wait on each other in a circle.
      for (const token of [...new Set(tokens)].sort()) {
        const row = await trx.deleteFrom('keys').where('token', '=', token).returning('token').executeTakeFirst();
        if (row) deleted.push(row.token);
      }
      await recordChanges(trx, 'key', deleted, at);
      return deleted;
    });
  }

  /** Keys oldest first, optionally only a user's or a team's. */
  async list(filter: KeyListFilter = {}): Promise<Page<KeyRecord>> {
    const window = pageWindow(filter);
    let query = this.db.selectFrom('keys');
    if (filter.user_id !== undefined) query = query.where('user_id', '=', filter.user_id);
    if (filter.team_id !== undefined) query = query.where('team_id', '=', filter.team_id);
    const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('created_at').orderBy('token').limit(window.size).offset(window.offset).execute();
    return pageOf(rows.map(keyRecord), count, window);
  }
}
