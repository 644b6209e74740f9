import type { Deployment } from '../deployments/deployment.js';
import type { SpendTicket } from '../spend/spend-control.js';
import { settleShared, type SharedHold } from './shared-settle.js';
import { isCountable, MAX_TOKENS_PER_CALL } from '../state/countable.js';
import type { CompletionUsage } from '../types/chat.js';
import type { CallState } from './call-state.js';
import type { RouterRuntime } from './router-runtime.js';

/** A timed-out attempt counts as this much latency (ms, per token or to first token): heavy enough to steer traffic away. */
export const TIMEOUT_PENALTY_MS = 1_000_000;

/** What an attempt holds against its deployment until it ends: a place in flight and its reservation this minute. */
export interface UsageTicket {
  deployment: Deployment;
  minute: number;
  reservedTokens: number;
  ended: boolean;
}

/**
 * What the router's strategies and filters read, so only that is kept: usage (in flight,
 * per-minute requests and tokens, output means) and latency samples. A router on
 * simple-shuffle without limits keeps neither and its calls skip the bookkeeping.
 */
export interface StatsTracking {
  usage: boolean;
  latency: boolean;
}

/** Counts the attempt in flight and reserves its request and (for tpm-limited deployments) its estimated tokens. */
export function beginUsage(runtime: RouterRuntime, call: CallState, deployment: Deployment): UsageTicket | undefined {
  if (!runtime.tracking.usage) return undefined;
  const { stats } = runtime.state;
  const slot = deployment.stats.slot;
  const now = runtime.now();
  const estimate = deployment.tpm === undefined ? 0 : call.reservedTokens(deployment);
  const reservedTokens = slot >= 0 ? stats.begin(slot, now, estimate) : 0;
  return { deployment, minute: stats.minute[slot] ?? 0, reservedTokens, ended: false };
}

/** Releases the attempt (once, whatever path it ends on) and replaces its token reservation by the real usage, as spend counted it. */
export function endUsage(runtime: RouterRuntime, ticket: UsageTicket | undefined, counted: CompletionUsage | undefined): void {
  if (!ticket || ticket.ended) return;
  ticket.ended = true;
  const slot = ticket.deployment.stats.slot;
  if (slot < 0) return;
  const { stats } = runtime.state;
  stats.end(slot, ticket.minute, ticket.reservedTokens, counted?.total_tokens);
  if (counted && counted.completion_tokens > 0) stats.addOutput(slot, counted.completion_tokens);
}

/** What an attempt holds until it ends: its place in the deployment's usage, its budget reservations, and what it took from a shared store. */
export interface AttemptTickets {
  usage: UsageTicket | undefined;
  spend: SpendTicket;
  hold: SharedHold | undefined;
}

/** Ends an attempt's tickets (once, whatever path it ends on) with its reported usage counted once, as spend takes it. */
export function settleAttempt(
  runtime: RouterRuntime,
  call: CallState,
  deployment: Deployment,
  tickets: AttemptTickets,
  reported: CompletionUsage | undefined,
): void {
  const usage = runtime.spending.countable(reported, deployment);
  const { shared } = runtime.state;
  if (shared !== undefined) settleShared(runtime, shared, deployment, tickets, usage);
  endUsage(runtime, tickets.usage, usage);
  runtime.spending.end(call, tickets.spend, usage);
}

/** What a completion's latency is divided by: its output tokens, at least 1, and 1 when the provider's count is not one. */
const outputCount = (completionTokens: number | undefined) => (isCountable(completionTokens, MAX_TOKENS_PER_CALL) ? Math.max(1, completionTokens) : 1);

/** A completion's latency from `startedAt` to `endedAt` (router clock), per output token so long answers do not look slow. */
export function recordLatency(runtime: RouterRuntime, deployment: Deployment, startedAt: number, endedAt: number, completionTokens: number | undefined): void {
  if (!runtime.tracking.latency) return;
  const slot = deployment.stats.slot;
  if (slot >= 0) runtime.state.stats.addLatency(slot, (endedAt - startedAt) / outputCount(completionTokens), endedAt, runtime.strategyOptions.latencyTtlMs);
}

export function recordTimeToFirstToken(runtime: RouterRuntime, deployment: Deployment, startedAt: number, endedAt: number): void {
  if (!runtime.tracking.latency) return;
  const slot = deployment.stats.slot;
  if (slot >= 0) runtime.state.stats.addTimeToFirstToken(slot, endedAt - startedAt, endedAt, runtime.strategyOptions.latencyTtlMs);
}

export function recordTimeout(runtime: RouterRuntime, deployment: Deployment, stream: boolean): void {
  const now = runtime.now();
  if (stream) recordTimeToFirstToken(runtime, deployment, now - TIMEOUT_PENALTY_MS, now);
  else recordLatency(runtime, deployment, now - TIMEOUT_PENALTY_MS, now, 1);
}
