import type { LoadedConfig } from '../../config-file/loaded-config.js';
import type { GatewayDatabase } from '../../server/db/open-database.js';
import type { SpendLogFilter } from '../../server/db/records.js';
import { CONFIG_FLAG, modelNames, readConfig } from '../cli-config.js';
import { cliDatabase, openCliDatabase } from '../cli-database.js';
import { failure, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { textFlag } from '../flags.js';
import { findKey, NO_SUCH_KEY } from '../keys/find-key.js';
import { TOKEN_SHOWN } from '../keys/key-table.js';
import { usd } from '../text-table.js';
import { spendByModelGroup, spendOverview } from './spend-tables.js';

interface Scope {
  /** `user alice`, `key ci-bot (sk-...abcd)`. */
  title: string;
  filter: SpendLogFilter;
  record: { spend: number; max_budget: number | null; budget_duration: string | null } | undefined;
}

async function scopeOf(db: GatewayDatabase, flags: Record<string, string | true | undefined>): Promise<Scope | undefined> {
  const user = textFlag(flags.user);
  const team = textFlag(flags.team);
  const key = textFlag(flags.key);
  if (user !== undefined) return { title: `user ${user}`, filter: { user_id: user }, record: await db.users.get(user) };
  if (team !== undefined) return { title: `team ${team}`, filter: { team_id: team }, record: await db.teams.get(team) };
  if (key === undefined) return undefined;
  const record = await findKey(db, key);
  if (record === undefined) throw failure(NO_SUCH_KEY);
  const title = `key ${record.key_alias ?? record.key_name} (${record.key_name}, token ${record.token.slice(0, TOKEN_SHOWN)})`;
  return { title, filter: { token: record.token }, record };
}

function scopeHeadline(scope: Scope): string {
  const { record } = scope;
  if (record === undefined) return `${scope.title}: not in the database; its calls in the spend logs:`;
  const budget = record.max_budget === null ? 'no budget' : `budget $${record.max_budget}${record.budget_duration ? ` per ${record.budget_duration}` : ''}`;
  return `${scope.title}: ${usd(record.spend)} spent, ${budget}`;
}

export const spendCommand: Command = {
  name: 'spend',
  summary: 'Prints spend as a table: every user, team and key, or one of them by model group.',
  usage: '[--config FILE] [--user USER | --team TEAM | --key KEY_OR_ALIAS]',
  details: [
    "From the gateway's database (the config's general_settings.database_url, else DATABASE_URL, else sqlite:./switchyard.db). " +
      'A running gateway writes its spend logs every 500 ms (general_settings.proxy_batch_write_at).',
  ],
  flags: {
    config: { ...CONFIG_FLAG, help: 'the config file: its database and model groups' },
    user: { type: 'string', aliases: ['user_id'], value: 'USER', help: "this user's spend by model group" },
    team: { type: 'string', aliases: ['team_id'], value: 'TEAM', help: "this team's spend by model group" },
    key: { type: 'string', aliases: ['api_key'], value: 'KEY_OR_ALIAS', help: "this key's spend by model group: its alias, the key, or its token" },
  },
  async run({ flags }, io) {
    if (['user', 'team', 'key'].filter((flag) => flags[flag] !== undefined).length > 1) {
      throw usageError(this.name, 'give at most one of --user, --team and --key');
    }
    const config: LoadedConfig | undefined = flags.config === undefined ? undefined : await readConfig(this.name, flags.config);
    const db = await openCliDatabase(config, { mustExist: true });
    try {
      const scope = await scopeOf(db, flags);
      if (scope === undefined) {
        io.out(`Spend in ${cliDatabase(config).location}:`);
        (await spendOverview(db)).forEach((line) => io.out(line));
        return 0;
      }
      io.out(scopeHeadline(scope));
      (await spendByModelGroup(db, scope.filter, config ? modelNames(config) : [])).forEach((line) => io.out(line));
      return 0;
    } finally {
      await db.close();
    }
  },
};
