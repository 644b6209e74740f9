import type { GatewayDatabase } from '../../server/db/open-database.js';
import type { KeyRecord, SpendLogFilter, UserRecord, TeamRecord } from '../../server/db/records.js';
import { allPages, FULL_PAGE } from '../../server/auth/all-pages.js';
import { TOKEN_SHOWN } from '../keys/key-table.js';
import { allKeys } from '../keys/key-records.js';
import { cell, textTable, usd } from '../text-table.js';

/** Spend-log rows read to find which model groups a user, team or key called, beside the config's. */
const ROWS_FOR_GROUPS = 10_000;

type Limited = Pick<KeyRecord | UserRecord | TeamRecord, 'spend' | 'max_budget' | 'budget_duration'>;

const budget = (record: Limited) =>
  record.max_budget === null ? '-' : `$${record.max_budget}${record.budget_duration === null ? '' : ` / ${record.budget_duration}`}`;

/** Every user, team and key with its spend (what its record holds: all time, or since its budget was reset by hand) and budget, then the spend logs' total. */
export async function spendOverview(db: GatewayDatabase): Promise<string[]> {
  const [users, teams, keys, total] = await Promise.all([
    allPages((page) => db.users.list({ page, size: FULL_PAGE })),
    allPages((page) => db.teams.list({ page, size: FULL_PAGE })),
    allKeys(db),
    db.spend.total(),
  ]);
  const row = (scope: string, id: string, record: Limited) => [scope, id, usd(record.spend), budget(record)];
  return textTable(
    ['scope', 'id', 'spend', 'budget'],
    [
      ...users.map((user) => row('user', user.user_id, user)),
      ...teams.map((team) => row('team', team.team_id, team)),
      ...keys.map((key) => row('key', `${cell(key.key_alias)} (${key.key_name}, token ${key.token.slice(0, TOKEN_SHOWN)})`, key)),
      ['all calls', '', usd(total), '-'],
    ],
    [2],
  );
}

/** Spend of the calls the filter matches, by model group (those of the config and those the latest logs name), with their total. */
export async function spendByModelGroup(db: GatewayDatabase, filter: SpendLogFilter, configGroups: readonly string[]): Promise<string[]> {
  const logged = await db.spend.logs({ ...filter, limit: ROWS_FOR_GROUPS });
  const groups = [...new Set([...configGroups, ...logged.map((row) => row.model_group)])];
  const totals = await Promise.all(groups.map(async (group) => [group, await db.spend.total({ ...filter, model_group: group })] as const));
  const spent = totals.filter(([, amount]) => amount > 0).sort(([, a], [, b]) => b - a);
  const total = await db.spend.total(filter);
  return textTable(['model group', 'spend'], [...spent.map(([group, amount]) => [group, usd(amount)]), ['total', usd(total)]], [1]);
}
