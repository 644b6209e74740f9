import type { Kysely, Transaction } from 'kysely';
import type { Change } from './records.js';
import type { Tables } from './tables.js';

/** At most this many changes per `since` answer: a replica far behind reads the rest with the next call. */
const MAX_CHANGES_PER_READ = 1_000;

/**
 * Adds a change row per ref, inside the writer's transaction. The ids come from the counter row, whose
 * lock the transaction holds until it commits: so ids are given out in commit order, and a replica that
 * read up to id n never sees a smaller id commit later (a plain autoincrement in Postgres can, and the
 * replica would skip that change).
 */
export async function recordChanges(trx: Transaction<Tables>, kind: Change['kind'], refs: readonly string[], at: number): Promise<void> {
  if (refs.length === 0) return;
  const { last_id } = await trx
    .updateTable('change_counter')
    .set((eb) => ({ last_id: eb('last_id', '+', refs.length) }))
    .where('id', '=', 1)
    .returning('last_id')
    .executeTakeFirstOrThrow();
  const first = last_id - refs.length + 1;
  await trx
    .insertInto('changes')
    .values(refs.map((ref, i) => ({ id: first + i, kind, ref, at })))
    .execute();
}

/** Keys, users and teams written, in order: replicas poll `since(last id seen)` to reload what changed. */
export class ChangeFeed {
  constructor(private readonly db: Kysely<Tables>) {}

  /** The id of the last change committed (0 when none): where a replica that just loaded everything starts. */
  async latest(): Promise<number> {
    const row = await this.db.selectFrom('change_counter').select('last_id').where('id', '=', 1).executeTakeFirstOrThrow();
    return row.last_id;
  }

  /** The changes after `id`, oldest first, at most 1000. */
  async since(id: number): Promise<Change[]> {
    const rows = await this.db.selectFrom('changes').selectAll().where('id', '>', id).orderBy('id').limit(MAX_CHANGES_PER_READ).execute();
    return rows.map((row) => ({ ...row, kind: row.kind as Change['kind'] }));
  }
}
