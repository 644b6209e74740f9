/**
 * The tables as Kysely sees them, by their names without the prefix (the prefix plugin adds it).
 * JSON fields are text, flags 0/1, times ms since the epoch.
 */

interface LimitColumns {
  max_budget: number | null;
  budget_duration: string | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  models: string;
  metadata: string;
  spend: number;
  created_at: number;
  updated_at: number;
}

export interface KeysTable extends LimitColumns {
  token: string;
  key_name: string;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
  max_parallel_requests: number | null;
  expires: number | null;
  blocked: number;
}

export interface UsersTable extends LimitColumns {
  user_id: string;
  user_email: string | null;
}

export interface TeamsTable extends LimitColumns {
  team_id: string;
  team_alias: string | null;
  blocked: number;
}

export interface SpendLogsTable {
  request_id: string;
  token: string | null;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
  end_user: string | null;
  model_group: string;
  deployment_id: string | null;
  provider: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  spend: number;
  latency_ms: number;
  status: string;
  error_type: string | null;
  cache_hit: number;
  tags: string;
  start_time: number;
  end_time: number;
}

export interface ChangesTable {
  id: number;
  kind: string;
  ref: string;
  at: number;
}

/** One row holding the last change id given out: writers take ids from it under its row lock, so ids follow commit order. */
export interface ChangeCounterTable {
  id: number;
  last_id: number;
}

export interface Tables {
  keys: KeysTable;
  users: UsersTable;
  teams: TeamsTable;
  spend_logs: SpendLogsTable;
  changes: ChangesTable;
  change_counter: ChangeCounterTable;
}
