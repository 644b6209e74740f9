import type { SpendLogRow } from '../../../src/server/db/index.js';

let next = 0;

/** A spend-log row with a fresh request id, a success of 10 + 5 tokens at the given spend; fields given replace the defaults. */
export function spendRow(fields: Partial<SpendLogRow> = {}): SpendLogRow {
  next++;
  return {
    request_id: `req-${process.pid}-${next}`,
    token: null,
    key_alias: null,
    user_id: null,
    team_id: null,
    end_user: null,
    model_group: 'gpt-4o',
    deployment_id: 'openai-1',
    provider: 'openai',
    prompt_tokens: 10,
    completion_tokens: 5,
    total_tokens: 15,
    spend: 0.25,
    latency_ms: 12.5,
    status: 'success',
    error_type: null,
    cache_hit: false,
    tags: [],
    start_time: 1_700_000_000_000,
    end_time: 1_700_000_000_100,
    ...fields,
  };
}
