import type { SpendLogRow } from '../db/records.js';
import type { SpendLogWriter } from '../db/spend-log-writer.js';
import type { CallOutcome, CallOutcomeSink } from '../openai/call-outcome.js';

/** One call's spend-log row: who called (the key's hash, never the key), what it cost, how it went. */
export function spendLogRow(outcome: CallOutcome): SpendLogRow {
  const { caller, usage } = outcome;
  const prompt = usage?.prompt_tokens ?? 0;
  const completion = usage?.completion_tokens ?? 0;
  return {
    request_id: outcome.requestId,
    token: caller.token ?? null,
    key_alias: caller.keyAlias ?? null,
    user_id: caller.userId ?? null,
    team_id: caller.teamId ?? null,
    end_user: outcome.endUser ?? null,
    model_group: outcome.model,
    deployment_id: outcome.deploymentId ?? null,
    provider: outcome.provider ?? null,
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage?.total_tokens ?? prompt + completion,
    spend: outcome.costUsd ?? 0,
    latency_ms: outcome.latencyMs,
    status: outcome.status,
    error_type: outcome.errorType ?? null,
    cache_hit: outcome.cacheHit,
    tags: outcome.tags === undefined ? [] : [...outcome.tags],
    start_time: outcome.startTime,
    end_time: outcome.endTime,
  };
}

/** Queues one spend-log row per call on the writer, which writes them in batches off the request path. */
export function spendLogSink(writer: Pick<SpendLogWriter, 'add'>): CallOutcomeSink {
  return { record: (outcome) => writer.add(spendLogRow(outcome)) };
}
