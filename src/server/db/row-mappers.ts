import type { Selectable } from 'kysely';
import type { KeyRecord, LimitFields, SpendLogRow, TeamRecord, UserRecord } from './records.js';
import type { KeysTable, SpendLogsTable, TeamsTable, UsersTable } from './tables.js';

type Row<T> = Selectable<T>;

function limitFields(row: Row<KeysTable | UsersTable | TeamsTable>): LimitFields {
  return {
    max_budget: row.max_budget,
    budget_duration: row.budget_duration,
    rpm_limit: row.rpm_limit,
    tpm_limit: row.tpm_limit,
    models: JSON.parse(row.models) as string[],
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}

export function keyRecord(row: Row<KeysTable>): KeyRecord {
  return {
    token: row.token,
    key_name: row.key_name,
    key_alias: row.key_alias,
    user_id: row.user_id,
    team_id: row.team_id,
    ...limitFields(row),
    max_parallel_requests: row.max_parallel_requests,
    expires: row.expires,
    blocked: row.blocked === 1,
    spend: row.spend,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function userRecord(row: Row<UsersTable>): UserRecord {
  return {
    user_id: row.user_id,
    user_email: row.user_email,
    ...limitFields(row),
    spend: row.spend,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function teamRecord(row: Row<TeamsTable>): TeamRecord {
  return {
    team_id: row.team_id,
    team_alias: row.team_alias,
    ...limitFields(row),
    blocked: row.blocked === 1,
    spend: row.spend,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function spendLogRow(row: Row<SpendLogsTable>): SpendLogRow {
  return {
    ...row,
    status: row.status as SpendLogRow['status'],
    cache_hit: row.cache_hit === 1,
    tags: JSON.parse(row.tags) as string[],
  };
}

export function spendLogColumns(row: SpendLogRow): SpendLogsTable {
  return {
    request_id: row.request_id,
    token: row.token,
    key_alias: row.key_alias,
    user_id: row.user_id,
    team_id: row.team_id,
    end_user: row.end_user,
    model_group: row.model_group,
    deployment_id: row.deployment_id,
    provider: row.provider,
    prompt_tokens: row.prompt_tokens,
    completion_tokens: row.completion_tokens,
    total_tokens: row.total_tokens,
    spend: row.spend,
    latency_ms: row.latency_ms,
    status: row.status,
    error_type: row.error_type,
    cache_hit: row.cache_hit ? 1 : 0,
    tags: JSON.stringify(row.tags),
    start_time: row.start_time,
    end_time: row.end_time,
  };
}

/** The fields a key, a user and a team each take, beside their id. */
const LIMIT_FIELDS = ['max_budget', 'budget_duration', 'rpm_limit', 'tpm_limit', 'models', 'metadata'] as const;
export const KEY_FIELDS = [...LIMIT_FIELDS, 'key_alias', 'user_id', 'team_id', 'max_parallel_requests', 'expires', 'blocked'] as const;
export const USER_FIELDS = [...LIMIT_FIELDS, 'user_email'] as const;
export const TEAM_FIELDS = [...LIMIT_FIELDS, 'team_alias', 'blocked'] as const;

/**
 * The columns to write from the named fields given (others, e.g. a stray `token` in an update, are not
 * looked at): undefined ones are left out, JSON fields become text and flags 0/1.
 */
export function columnsOf(fields: object, names: readonly string[]): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const name of names) {
    const value: unknown = (fields as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (name === 'models' || name === 'metadata') columns[name] = JSON.stringify(value);
    else if (name === 'blocked') columns[name] = value ? 1 : 0;
    else columns[name] = value;
  }
  return columns;
}
