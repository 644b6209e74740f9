import type { Insertable, Kysely } from 'kysely';
import { recordChanges } from './change-feed.js';
import { isUniqueViolation, RecordExistsError } from './database-errors.js';
import { pageOf, pageWindow } from './paging.js';
import type { NewUser, Page, PageRequest, UserChanges, UserRecord } from './records.js';
import { columnsOf, USER_FIELDS, userRecord } from './row-mappers.js';
import type { Tables, UsersTable } from './tables.js';

/** Users by `user_id`. Every write adds a change in the same transaction. */
export class UserRecords {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => number,
  ) {}

  /** Throws RecordExistsError when the user_id is taken. */
  async create(user: NewUser): Promise<UserRecord> {
    const at = this.now();
    const row = {
      models: '[]',
      metadata: '{}',
      ...columnsOf(user, USER_FIELDS),
      user_id: user.user_id,
      spend: 0,
      created_at: at,
      updated_at: at,
    } as Insertable<UsersTable>;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const inserted = await trx.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
        await recordChanges(trx, 'user', [user.user_id], at);
        return userRecord(inserted);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RecordExistsError('user_id', user.user_id, 'user');
      throw error;
    }
  }

  async get(userId: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && userRecord(row);
  }

  /** Sets the fields given; undefined when there is no such user. */
  update(userId: string, changes: UserChanges): Promise<UserRecord | undefined> {
    const columns = columnsOf(changes, USER_FIELDS);
    if (changes.spend !== undefined) columns.spend = changes.spend;
    return this.#set(userId, columns);
  }

  /** LiteLLM's `/user/reset_budget`: the user's spend back to 0. Its spend-log rows are kept. */
  resetSpend(userId: string): Promise<UserRecord | undefined> {
    return this.#set(userId, { spend: 0 });
  }

  #set(userId: string, columns: Record<string, unknown>): Promise<UserRecord | undefined> {
    const at = this.now();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({ ...columns, updated_at: at })
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return undefined;
      await recordChanges(trx, 'user', [userId], at);
      return userRecord(row);
    });
  }

  /** Deletes the users (not their keys, nor their spend logs); answers the user_ids that existed. */
  async delete(userIds: readonly string[]): Promise<string[]> {
    const at = this.now();
    return this.db.transaction().execute(async (trx) => {
      const deleted: string[] = [];
      for (const userId of [...new Set(userIds)].sort()) {
        const row = await trx.deleteFrom('users').where('user_id', '=', userId).returning('user_id').executeTakeFirst();
        if (row) deleted.push(row.user_id);
      }
      await recordChanges(trx, 'user', deleted, at);
      return deleted;
    });
  }

  /** Users oldest first. */
  async list(request: PageRequest = {}): Promise<Page<UserRecord>> {
    const window = pageWindow(request);
    const { count } = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('user_id').limit(window.size).offset(window.offset).execute();
    return pageOf(rows.map(userRecord), count, window);
  }
}
