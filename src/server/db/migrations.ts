import { Migrator, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import { TablePrefixPlugin } from './table-prefix-plugin.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the schema as it was then, not `Tables` */

function withLimitColumns<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return table
    .addColumn('max_budget', 'double precision')
    .addColumn('budget_duration', 'text')
    .addColumn('rpm_limit', 'bigint')
    .addColumn('tpm_limit', 'bigint')
    .addColumn('models', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('metadata', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('spend', 'double precision', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull());
}

/**
 * Every step is written to be run again over a half-done run (`if not exists`): SQLite's migrations
 * run outside a transaction. Index names carry the prefix (they share the schema's namespace in Postgres).
 */
function gatewayTables(prefix: string): Migration {
  return {
    async up(migrating: Kysely<any>) {
      const db = migrating.withPlugin(new TablePrefixPlugin(prefix));
      await withLimitColumns(
        db.schema
          .createTable('keys')
          .ifNotExists()
          .addColumn('token', 'text', (col) => col.primaryKey())
          .addColumn('key_name', 'text', (col) => col.notNull())
          .addColumn('key_alias', 'text')
          .addColumn('user_id', 'text')
          .addColumn('team_id', 'text')
          .addColumn('max_parallel_requests', 'integer')
          .addColumn('expires', 'bigint')
          .addColumn('blocked', 'integer', (col) => col.notNull().defaultTo(0)),
      ).execute();
      await db.schema.createIndex(`${prefix}keys_alias`).ifNotExists().unique().on('keys').column('key_alias').execute();
      await db.schema.createIndex(`${prefix}keys_user`).ifNotExists().on('keys').column('user_id').execute();
      await db.schema.createIndex(`${prefix}keys_team`).ifNotExists().on('keys').column('team_id').execute();

      await withLimitColumns(
        db.schema
          .createTable('users')
          .ifNotExists()
          .addColumn('user_id', 'text', (col) => col.primaryKey())
          .addColumn('user_email', 'text'),
      ).execute();

      await withLimitColumns(
        db.schema
          .createTable('teams')
          .ifNotExists()
          .addColumn('team_id', 'text', (col) => col.primaryKey())
          .addColumn('team_alias', 'text')
          .addColumn('blocked', 'integer', (col) => col.notNull().defaultTo(0)),
      ).execute();

      await db.schema
        .createTable('spend_logs')
        .ifNotExists()
        .addColumn('request_id', 'text', (col) => col.primaryKey())
        .addColumn('token', 'text')
        .addColumn('key_alias', 'text')
        .addColumn('user_id', 'text')
        .addColumn('team_id', 'text')
        .addColumn('end_user', 'text')
        .addColumn('model_group', 'text', (col) => col.notNull())
        .addColumn('deployment_id', 'text')
        .addColumn('provider', 'text')
        .addColumn('prompt_tokens', 'integer', (col) => col.notNull())
        .addColumn('completion_tokens', 'integer', (col) => col.notNull())
        .addColumn('total_tokens', 'integer', (col) => col.notNull())
        .addColumn('spend', 'double precision', (col) => col.notNull())
        .addColumn('latency_ms', 'double precision', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('error_type', 'text')
        .addColumn('cache_hit', 'integer', (col) => col.notNull())
        .addColumn('tags', 'text', (col) => col.notNull())
        .addColumn('start_time', 'bigint', (col) => col.notNull())
        .addColumn('end_time', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex(`${prefix}spend_logs_token_time`).ifNotExists().on('spend_logs').columns(['token', 'start_time']).execute();
      await db.schema.createIndex(`${prefix}spend_logs_user_time`).ifNotExists().on('spend_logs').columns(['user_id', 'start_time']).execute();
      await db.schema.createIndex(`${prefix}spend_logs_team_time`).ifNotExists().on('spend_logs').columns(['team_id', 'start_time']).execute();
      await db.schema.createIndex(`${prefix}spend_logs_time`).ifNotExists().on('spend_logs').column('start_time').execute();

      await db.schema
        .createTable('changes')
        .ifNotExists()
        .addColumn('id', 'bigint', (col) => col.primaryKey())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('ref', 'text', (col) => col.notNull())
        .addColumn('at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('change_counter')
        .ifNotExists()
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('last_id', 'bigint', (col) => col.notNull())
        .execute();
      await db
        .insertInto('change_counter')
        .values({ id: 1, last_id: 0 })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
    },
  };
}

/** The longest name the prefix goes before (`spend_logs_token_time`): Postgres cuts identifiers at 63 bytes. */
export const LONGEST_PREFIXED_NAME = 'spend_logs_token_time'.length;

/**
 * Brings the tables up to date. Kysely's migrator holds a Postgres advisory lock while it migrates, in one
 * transaction, so replicas starting together migrate once; the others wait and find nothing to do.
 * `schema` is where Postgres keeps the migrator's tables (the connection's current schema).
 */
export async function migrate(db: Kysely<any>, prefix: string, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ '0001_gateway_tables': gatewayTables(prefix) }) },
    migrationTableName: `${prefix}migrations`,
    migrationLockTableName: `${prefix}migrations_lock`,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}
