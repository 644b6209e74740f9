import type { Insertable, Kysely } from 'kysely';
import { recordChanges } from './change-feed.js';
import { isUniqueViolation, RecordExistsError } from './database-errors.js';
import { pageOf, pageWindow } from './paging.js';
import type { NewTeam, Page, PageRequest, TeamChanges, TeamRecord } from './records.js';
import { columnsOf, TEAM_FIELDS, teamRecord } from './row-mappers.js';
import type { Tables, TeamsTable } from './tables.js';

/** Teams by `team_id`. Every write adds a change in the same transaction. */
export class TeamRecords {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => number,
  ) {}

  /** Throws RecordExistsError when the team_id is taken. */
  async create(team: NewTeam): Promise<TeamRecord> {
    const at = this.now();
    const row = {
      models: '[]',
      metadata: '{}',
      blocked: 0,
      ...columnsOf(team, TEAM_FIELDS),
      team_id: team.team_id,
      spend: 0,
      created_at: at,
      updated_at: at,
    } as Insertable<TeamsTable>;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const inserted = await trx.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
        await recordChanges(trx, 'team', [team.team_id], at);
        return teamRecord(inserted);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RecordExistsError('team_id', team.team_id, 'team');
      throw error;
    }
  }

  async get(teamId: string): Promise<TeamRecord | undefined> {
    const row = await this.db.selectFrom('teams').selectAll().where('team_id', '=', teamId).executeTakeFirst();
    return row && teamRecord(row);
  }

  /** Sets the fields given; undefined when there is no such team. */
  async update(teamId: string, changes: TeamChanges): Promise<TeamRecord | undefined> {
    const at = this.now();
    const columns = columnsOf(changes, TEAM_FIELDS);
    if (changes.spend !== undefined) columns.spend = changes.spend;
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('teams')
        .set({ ...columns, updated_at: at })
        .where('team_id', '=', teamId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return undefined;
      await recordChanges(trx, 'team', [teamId], at);
      return teamRecord(row);
    });
  }

  /** Deletes the teams (not their keys, nor their spend logs); answers the team_ids that existed. */
  async delete(teamIds: readonly string[]): Promise<string[]> {
    const at = this.now();
    return this.db.transaction().execute(async (trx) => {
      const deleted: string[] = [];
      for (const teamId of [...new Set(teamIds)].sort()) {
        const row = await trx.deleteFrom('teams').where('team_id', '=', teamId).returning('team_id').executeTakeFirst();
        if (row) deleted.push(row.team_id);
      }
      await recordChanges(trx, 'team', deleted, at);
      return deleted;
    });
  }

  /** Teams oldest first. */
  async list(request: PageRequest = {}): Promise<Page<TeamRecord>> {
    const window = pageWindow(request);
    const { count } = await this.db
      .selectFrom('teams')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const rows = await this.db.selectFrom('teams').selectAll().orderBy('created_at').orderBy('team_id').limit(window.size).offset(window.offset).execute();
    return pageOf(rows.map(teamRecord), count, window);
  }
}
