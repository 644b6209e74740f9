/** The records the gateway keeps, with LiteLLM's field names (so admin answers are these records). Times are ms since the epoch. */

/** What a key, a user and a team each carry to limit their calls. */
export interface LimitFields {
  /** USD; null: no budget. */
  max_budget: number | null;
  /** `30s`, `1h`, `1d`, `30d`…; null: the budget never resets. */
  budget_duration: string | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  /** Model groups allowed; empty: all. */
  models: string[];
  metadata: Record<string, unknown>;
}

/** A virtual key, known by its hash: the key itself is never stored. */
export interface KeyRecord extends LimitFields {
  /** sha256 hex of the key. */
  token: string;
  /** The key shortened for display, e.g. `sk-...abcd`. */
  key_name: string;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
  max_parallel_requests: number | null;
  /** When the key stops working; null: never. */
  expires: number | null;
  blocked: boolean;
  /** USD spent with the key, all time. */
  spend: number;
  created_at: number;
  updated_at: number;
}

export interface UserRecord extends LimitFields {
  user_id: string;
  user_email: string | null;
  spend: number;
  created_at: number;
  updated_at: number;
}

export interface TeamRecord extends LimitFields {
  team_id: string;
  team_alias: string | null;
  blocked: boolean;
  spend: number;
  created_at: number;
  updated_at: number;
}

/** The fields a create or an update may set: undefined leaves one as it is (or its default), null clears it. */
type Settable<T> = { [K in keyof T]?: T[K] };

export type KeyFields = Settable<Omit<KeyRecord, 'token' | 'key_name' | 'spend' | 'created_at' | 'updated_at'>>;
export interface NewKey extends KeyFields {
  token: string;
  key_name: string;
}
export interface KeyChanges extends KeyFields {
  spend?: number;
}

export type UserFields = Settable<Omit<UserRecord, 'user_id' | 'spend' | 'created_at' | 'updated_at'>>;
export interface NewUser extends UserFields {
  user_id: string;
}
export interface UserChanges extends UserFields {
  spend?: number;
}

export type TeamFields = Settable<Omit<TeamRecord, 'team_id' | 'spend' | 'created_at' | 'updated_at'>>;
export interface NewTeam extends TeamFields {
  team_id: string;
}
export interface TeamChanges extends TeamFields {
  spend?: number;
}

/** One call through the gateway, as written to the spend logs. */
export interface SpendLogRow {
  request_id: string;
  /** The key's hash; null for the master key. */
  token: string | null;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
  /** The request's `user` field. */
  end_user: string | null;
  model_group: string;
  deployment_id: string | null;
  provider: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** USD. */
  spend: number;
  latency_ms: number;
  status: 'success' | 'failure';
  /** The error's class name when the call failed. */
  error_type: string | null;
  cache_hit: boolean;
  tags: string[];
  start_time: number;
  end_time: number;
}

/** A page of a listing; `page` counts from 1. */
export interface Page<T> {
  items: T[];
  total_count: number;
  page: number;
  size: number;
  total_pages: number;
}

export interface PageRequest {
  /** From 1; default 1. */
  page?: number;
  /** 1 to 1000; default 10 (as LiteLLM's `/key/list`). */
  size?: number;
}

export interface KeyListFilter extends PageRequest {
  user_id?: string;
  team_id?: string;
}

/** Which spend-log rows: every field given must match; times bound `start_time`, in [start, end). */
export interface SpendLogFilter {
  request_id?: string;
  token?: string;
  user_id?: string;
  team_id?: string;
  model_group?: string;
  start?: Date;
  end?: Date;
}

export interface SpendLogQuery extends SpendLogFilter {
  /** 1 to 10000; default 100. Newest first. */
  limit?: number;
}

/** Whose spend: a key (by its hash), a user or a team. */
export interface SpendScope {
  scope: 'key' | 'user' | 'team';
  id: string;
}

/** A key, user or team written (created, updated, deleted, its spend reset): replicas reload it. */
export interface Change {
  id: number;
  kind: 'key' | 'user' | 'team';
  /** The key's token, the user_id or the team_id. */
  ref: string;
  at: number;
}
