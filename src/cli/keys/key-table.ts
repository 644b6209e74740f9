import type { KeyRecord } from '../../server/db/records.js';
import { cell, textTable, usd } from '../text-table.js';

/** How many of a token's characters `keys list` shows: enough to name the key to `keys revoke` and `spend --key`. */
export const TOKEN_SHOWN = 12;

const budget = (key: KeyRecord) => (key.max_budget === null ? '-' : `$${key.max_budget}${key.budget_duration === null ? '' : ` / ${key.budget_duration}`}`);

/** The keys as a table: never the key itself (it is not stored), its short name and the start of its token. */
export function keyTable(keys: readonly KeyRecord[]): string[] {
  return textTable(
    ['token', 'key', 'alias', 'user', 'team', 'models', 'budget', 'rpm', 'tpm', 'parallel', 'spend', 'expires', 'blocked'],
    keys.map((key) => [
      key.token.slice(0, TOKEN_SHOWN),
      key.key_name,
      cell(key.key_alias),
      cell(key.user_id),
      cell(key.team_id),
      key.models.length === 0 ? 'all' : key.models.join(','),
      budget(key),
      cell(key.rpm_limit),
      cell(key.tpm_limit),
      cell(key.max_parallel_requests),
      usd(key.spend),
      key.expires === null ? '-' : new Date(key.expires).toISOString(),
      key.blocked ? 'yes' : 'no',
    ]),
    [7, 8, 9, 10],
  );
}
