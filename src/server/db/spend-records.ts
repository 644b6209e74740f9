import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import { rowLimit } from './paging.js';
import type { SpendLogFilter, SpendLogQuery, SpendLogRow, SpendScope } from './records.js';
import { spendLogColumns, spendLogRow } from './row-mappers.js';
import type { Tables } from './tables.js';

/** Rows per insert statement: 20 columns each stays far under SQLite's 32766 and Postgres's 65535 parameters. */
const ROWS_PER_INSERT = 500;
const DEFAULT_LOG_LIMIT = 100;
const MAX_LOG_LIMIT = 10_000;

const SCOPE_COLUMNS = { key: 'token', user: 'user_id', team: 'team_id' } as const;

type SpendLogQueryBuilder = SelectQueryBuilder<Tables, 'spend_logs', object>;

function checkedTime(name: 'start' | 'end' | 'since', value: Date): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name}: expected a valid Date, got ${String(value)}`);
  return ms;
}

function filtered(query: SpendLogQueryBuilder, filter: SpendLogFilter): SpendLogQueryBuilder {
  let q = query;
  if (filter.request_id !== undefined) q = q.where('request_id', '=', filter.request_id);
  if (filter.token !== undefined) q = q.where('token', '=', filter.token);
  if (filter.user_id !== undefined) q = q.where('user_id', '=', filter.user_id);
  if (filter.team_id !== undefined) q = q.where('team_id', '=', filter.team_id);
  if (filter.model_group !== undefined) q = q.where('model_group', '=', filter.model_group);
  if (filter.start !== undefined) q = q.where('start_time', '>=', checkedTime('start', filter.start));
  if (filter.end !== undefined) q = q.where('start_time', '<', checkedTime('end', filter.end));
  return q;
}

type Inserted = { token: string | null; user_id: string | null; team_id: string | null; spend: number };

/** The rows' spend summed per key, user or team, sorted by id. */
function spendBy(rows: readonly Inserted[], column: 'token' | 'user_id' | 'team_id'): [string, number][] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const id = row[column];
    if (id !== null && row.spend !== 0) totals.set(id, (totals.get(id) ?? 0) + row.spend);
  }
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Adds the rows' spend to their keys', users' and teams' `spend`, one update per id, in the order `write` explains. */
async function addToTotals(trx: Transaction<Tables>, inserted: readonly Inserted[]): Promise<void> {
  for (const [token, spend] of spendBy(inserted, 'token')) {
    await trx
      .updateTable('keys')
      .set((eb) => ({ spend: eb('spend', '+', spend) }))
      .where('token', '=', token)
      .execute();
  }
  for (const [userId, spend] of spendBy(inserted, 'user_id')) {
    await trx
      .updateTable('users')
      .set((eb) => ({ spend: eb('spend', '+', spend) }))
      .where('user_id', '=', userId)
      .execute();
  }
  for (const [teamId, spend] of spendBy(inserted, 'team_id')) {
    await trx
      .updateTable('teams')
      .set((eb) => ({ spend: eb('spend', '+', spend) }))
      .where('team_id', '=', teamId)
      .execute();
  }
}

/** The spend logs (one row per call) and the spend totals on keys, users and teams. */
export class SpendRecords {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * In one transaction: inserts the rows and adds each one's spend to its key's, user's and team's `spend`.
   * A row whose request_id is already there is skipped, its spend not added again: a batch written
   * twice (its commit's answer lost, then retried) counts once. Answers how many rows were new.
   * The totals are updated in key, user, team order, each sorted, so replicas writing at once never deadlock.
   */
  async write(rows: readonly SpendLogRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const inserted: Inserted[] = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT).map(spendLogColumns);
        inserted.push(
          ...(await trx
            .insertInto('spend_logs')
            .values(chunk)
            .onConflict((conflict) => conflict.column('request_id').doNothing())
            .returning(['token', 'user_id', 'team_id', 'spend'])
            .execute()),
        );
      }
      await addToTotals(trx, inserted);
      return inserted.length;
    });
  }

  /** The rows matching the filter, newest first (by start_time), at most `limit` (default 100, at most 10000). */
  async logs(query: SpendLogQuery = {}): Promise<SpendLogRow[]> {
    const limit = rowLimit(query.limit, DEFAULT_LOG_LIMIT, MAX_LOG_LIMIT);
    const rows = await filtered(this.db.selectFrom('spend_logs'), query)
      .selectAll()
      .orderBy('start_time', 'desc')
      .orderBy('request_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(spendLogRow);
  }

  /** USD spent by the rows matching the filter (0 when none). */
  async total(filter: SpendLogFilter = {}): Promise<number> {
    const { total } = await filtered(this.db.selectFrom('spend_logs'), filter)
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('spend'), eb.lit(0)).as('total'))
      .executeTakeFirstOrThrow();
    return Number(total);
  }

  /** USD a key (by token), user or team spent in calls that started at `since` or later: what restores a budget's counter at start. */
  async spentSince(scope: SpendScope, since: Date): Promise<number> {
    const column = SCOPE_COLUMNS[scope.scope];
    if (column === undefined) throw new RangeError(`scope: expected 'key', 'user' or 'team', got ${String(scope.scope)}`);
    const { total } = await this.db
      .selectFrom('spend_logs')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('spend'), eb.lit(0)).as('total'))
      .where(column, '=', scope.id)
      .where('start_time', '>=', checkedTime('since', since))
      .executeTakeFirstOrThrow();
    return Number(total);
  }
}
