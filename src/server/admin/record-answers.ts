import type { KeyRecord, SpendLogRow, TeamRecord, UserRecord } from '../db/records.js';

/** Records as the admin routes answer them: LiteLLM's field names, times as ISO strings. A key shows its token and key_name, never itself. */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function keyAnswer(key: KeyRecord) {
  return { ...key, expires: iso(key.expires), created_at: iso(key.created_at), updated_at: iso(key.updated_at) };
}

export function userAnswer(user: UserRecord) {
  return { ...user, created_at: iso(user.created_at), updated_at: iso(user.updated_at) };
}

export function teamAnswer(team: TeamRecord) {
  return { ...team, created_at: iso(team.created_at), updated_at: iso(team.updated_at) };
}

/** A spend-log row under LiteLLM's SpendLogs names (`api_key` is the key's hash). */
export function spendLogAnswer(row: SpendLogRow) {
  return {
    request_id: row.request_id,
    api_key: row.token,
    user: row.user_id,
    team_id: row.team_id,
    end_user: row.end_user,
    model: row.model_group,
    model_group: row.model_group,
    model_id: row.deployment_id,
    custom_llm_provider: row.provider,
    prompt_tokens: row.prompt_tokens,
    completion_tokens: row.completion_tokens,
    total_tokens: row.total_tokens,
    spend: row.spend,
    startTime: iso(row.start_time),
    endTime: iso(row.end_time),
    request_duration_ms: row.latency_ms,
    status: row.status,
    cache_hit: row.cache_hit,
    request_tags: row.tags,
    metadata: { user_api_key_alias: row.key_alias, error_type: row.error_type },
  };
}
