import { existsSync } from 'node:fs';
import type { LoadedConfig } from '../config-file/loaded-config.js';
import { databaseTarget } from '../server/db/database-url.js';
import { openDatabase, type GatewayDatabase } from '../server/db/open-database.js';
import { failure } from './cli-errors.js';

/**
 * The CLI's database when neither the file (`general_settings.database_url`) nor DATABASE_URL
 * names one: a SQLite file in the working directory. The gateway's own default is SQLite in
 * memory, where keys made by `switchyard keys create` could never reach `switchyard serve`.
 */
export const CLI_DEFAULT_DATABASE = 'sqlite:./switchyard.db';

export interface CliDatabase {
  url: string;
  /** Safe to show: no password. */
  location: string;
  inMemory: boolean;
  /** Where the URL came from, for messages. */
  source: string;
}

/** The database the commands use: the file's (or DATABASE_URL, which the file's loading already reads), else the CLI's default. */
export function cliDatabase(config: LoadedConfig | undefined): CliDatabase {
  const fromFile = config?.gateway.database;
  const fromEnv = process.env.DATABASE_URL || undefined;
  const url = fromFile ?? fromEnv ?? CLI_DEFAULT_DATABASE;
  const source = fromFile !== undefined ? 'general_settings.database_url or DATABASE_URL' : fromEnv !== undefined ? 'DATABASE_URL' : "the CLI's default";
  const target = databaseTarget(url);
  return { url, location: target.location, inMemory: target.dialect === 'sqlite' && target.filename === ':memory:', source };
}

/**
 * Opens the database for the keys and spend commands. One in memory would be gone when the
 * command ends: refused. `mustExist`: a SQLite file that is not there yet is an error, not a new empty file.
 */
export async function openCliDatabase(config: LoadedConfig | undefined, options: { mustExist: boolean }): Promise<GatewayDatabase> {
  const database = cliDatabase(config);
  if (database.inMemory) {
    throw failure(
      `the database is SQLite in memory (${database.source}): what this command writes would be gone when it ends. ` +
        'Name a file (sqlite:./switchyard.db) or Postgres in general_settings.database_url or DATABASE_URL.',
    );
  }
  const target = databaseTarget(database.url);
  if (options.mustExist && target.dialect === 'sqlite' && !existsSync(target.filename)) {
    throw failure(
      `no database at ${database.location} (${database.source}) yet: 'switchyard serve' or 'switchyard keys create' makes it. ` +
        'Run from the directory the gateway runs in, or name the database in general_settings.database_url or DATABASE_URL.',
    );
  }
  return openDatabase(database.url, config?.gateway.tablePrefix === undefined ? {} : { prefix: config.gateway.tablePrefix });
}
