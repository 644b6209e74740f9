import type { LoadedConfig } from '../../config-file/loaded-config.js';
import { hashKey } from '../../server/auth/virtual-key.js';
import { RecordExistsError } from '../../server/db/database-errors.js';
import type { GatewayDatabase } from '../../server/db/open-database.js';
import { createKey } from '../keys/key-records.js';

/** What seeding did: records made (to log), entries left out (to warn about). */
export interface SeedOutcome {
  made: string[];
  skipped: string[];
}

/**
 * The file's `user_config` users and `key_settings` keys, made when the database lacks them.
 * A record already there is left as it is: the database holds it from then on (change it with
 * the admin routes). A key entry without a fixed `key` is not made here, since the key would
 * have to be printed in the log: `switchyard keys create --alias` makes it with the entry's fields.
 */
export async function seedRecords(db: GatewayDatabase, config: LoadedConfig, configPath: string, now: number): Promise<SeedOutcome> {
  const outcome: SeedOutcome = { made: [], skipped: [] };
  for (const [index, user] of config.users.entries()) {
    if (await db.users.get(user.user_id)) continue;
    await db.users.create(user);
    outcome.made.push(`user_config[${index}]: made user ${user.user_id}`);
  }
  for (const [index, { key, ...fields }] of config.keys.entries()) {
    const at = `key_settings[${index}]`;
    const alias = fields.key_alias ?? undefined;
    if (key === undefined) {
      if (alias !== undefined && (await db.keys.getByAlias(alias))) continue;
      const how = alias === undefined ? 'give it a key_alias, then run' : 'run';
      outcome.skipped.push(
        `${at}: not made: it fixes no key, and one made here would have to be shown in this log. ` +
          `Fix it (key: os.environ/NAME), or ${how}: switchyard keys create --config ${configPath} --alias ${alias ?? 'NAME'}`,
      );
      continue;
    }
    if (await db.keys.get(hashKey(key))) continue;
    try {
      const created = await createKey(db, fields, now, key);
      outcome.made.push(`${at}: made key ${created.record.key_name}${alias === undefined ? '' : ` (${alias})`}`);
    } catch (error) {
      if (!(error instanceof RecordExistsError)) throw error;
      outcome.skipped.push(`${at}: not made: ${error.message}`);
    }
  }
  return outcome;
}
