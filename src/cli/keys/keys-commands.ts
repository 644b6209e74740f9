import type { LoadedConfig } from '../../config-file/loaded-config.js';
import { allPages, FULL_PAGE } from '../../server/auth/all-pages.js';
import type { GatewayDatabase } from '../../server/db/open-database.js';
import { RecordExistsError } from '../../server/db/database-errors.js';
import { CONFIG_FLAG, readConfig } from '../cli-config.js';
import { cliDatabase, openCliDatabase } from '../cli-database.js';
import { failure, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { textFlag } from '../flags.js';
import { findKey, NO_SUCH_KEY } from './find-key.js';
import { keyCreateInput, KEY_FIELD_FLAGS } from './key-create-input.js';
import { createKey } from './key-records.js';
import { keyTable, TOKEN_SHOWN } from './key-table.js';

const DATABASE_NOTE =
  "The database: the config's general_settings.database_url, else DATABASE_URL, else sqlite:./switchyard.db in the working directory " +
  '(the one `switchyard serve` uses there). A running gateway sees a change within about 250 ms.';

const OPTIONAL_CONFIG = { ...CONFIG_FLAG, help: 'the config file: its database, its model groups (checked), its key_settings' };

async function optionalConfig(command: string, flag: string | true | undefined): Promise<LoadedConfig | undefined> {
  return flag === undefined ? undefined : readConfig(command, flag);
}

async function withDatabase<T>(config: LoadedConfig | undefined, mustExist: boolean, work: (db: GatewayDatabase) => Promise<T>): Promise<T> {
  const db = await openCliDatabase(config, { mustExist });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const describeKey = (record: { key_name: string; token: string; key_alias: string | null; user_id: string | null; team_id: string | null }) =>
  [
    `${record.key_name} (token ${record.token.slice(0, TOKEN_SHOWN)})`,
    record.key_alias === null ? '' : `alias ${record.key_alias}`,
    record.user_id === null ? '' : `user ${record.user_id}`,
    record.team_id === null ? '' : `team ${record.team_id}`,
  ]
    .filter(Boolean)
    .join(', ');

export const keysCreate: Command = {
  name: 'keys create',
  summary: 'Makes a virtual key and prints it, this once: only its hash is stored.',
  usage: '[--config FILE] [--user USER] [--team TEAM] [--models a,b] [--budget USD --budget-duration 30d] [--rpm N] [--tpm N] [--alias NAME]',
  details: [
    'The key goes to stdout alone (KEY=$(switchyard keys create …)); what was made goes to stderr.',
    "LiteLLM's tutorial form works too: switchyard --config FILE --generate_key --user_id user1",
    DATABASE_NOTE,
  ],
  flags: { config: OPTIONAL_CONFIG, ...KEY_FIELD_FLAGS },
  async run({ flags }, io) {
    const config = await optionalConfig(this.name, flags.config);
    const input = keyCreateInput(this.name, flags, config);
    const created = await withDatabase(config, false, async (db) => {
      try {
        return await createKey(db, input, Date.now());
      } catch (error) {
        if (error instanceof RecordExistsError) throw failure(`--alias: ${error.message}`);
        throw error;
      }
    });
    io.out(created.key);
    io.err(`Made key ${describeKey(created.record)} in ${cliDatabase(config).location}. It is shown this once: keep it.`);
    if (created.teamCreated) {
      io.err(`Team '${input.team_id}' was not in the database: made with no budget nor limits (set them with POST /team/update).`);
    }
    return 0;
  },
};

export const keysList: Command = {
  name: 'keys list',
  summary: 'Lists the virtual keys (never the keys themselves: their short names and the start of their hashes).',
  usage: '[--config FILE] [--user USER] [--team TEAM]',
  details: [DATABASE_NOTE],
  flags: {
    config: OPTIONAL_CONFIG,
    user: { type: 'string', aliases: ['user_id'], value: 'USER', help: "only this user's keys" },
    team: { type: 'string', aliases: ['team_id'], value: 'TEAM', help: "only this team's keys" },
  },
  async run({ flags }, io) {
    const config = await optionalConfig(this.name, flags.config);
    const filter = { user_id: textFlag(flags.user), team_id: textFlag(flags.team) };
    const keys = await withDatabase(config, true, (db) => allPages((page) => db.keys.list({ ...filter, page, size: FULL_PAGE })));
    if (keys.length === 0) io.out(`No keys in ${cliDatabase(config).location}${filter.user_id || filter.team_id ? ' for this user or team' : ''}.`);
    else keyTable(keys).forEach((line) => io.out(line));
    return 0;
  },
};

export const keysRevoke: Command = {
  name: 'keys revoke',
  summary: 'Deletes a virtual key: its calls are refused at once (on every gateway within about 250 ms). Its spend logs stay.',
  usage: '[--config FILE] KEY_OR_ALIAS',
  details: ['KEY_OR_ALIAS: the key itself, its alias, its token, or the start of its token as `keys list` shows it.', DATABASE_NOTE],
  flags: { config: OPTIONAL_CONFIG },
  positionals: 1,
  async run({ flags, positionals }, io) {
    const named = positionals[0];
    if (named === undefined) throw usageError(this.name, 'name the key to revoke: its alias, the key itself, or its token');
    const config = await optionalConfig(this.name, flags.config);
    const revoked = await withDatabase(config, true, async (db) => {
      const key = await findKey(db, named);
      if (key === undefined) throw failure(NO_SUCH_KEY);
      await db.keys.delete([key.token]);
      return key;
    });
    io.out(`Revoked key ${describeKey(revoked)}.`);
    return 0;
  },
};
