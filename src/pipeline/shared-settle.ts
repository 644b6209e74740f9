import type { Deployment } from '../deployments/deployment.js';
import type { Claim, SharedState } from '../state/shared-state.js';
import type { CompletionUsage } from '../types/chat.js';
import type { RouterRuntime } from './router-runtime.js';
import type { AttemptTickets } from './usage-accounting.js';

const MINUTE_MS = 60_000;

/** What a taken claim holds in the shared state until its attempt ends: budget holds and a probe, given back with `release`. */
export interface SharedHold {
  holdId: string;
  claims: readonly Claim[];
}

export const deploymentCounterKey = (deployment: Deployment, name: 'rpm' | 'tpm') => `deployment-${name}:${deployment.id}`;

/**
 * An attempt on a shared store ends (once, before its spend ticket is closed): its budget
 * holds and probe are given back, and its deployment's shared token count takes the real
 * usage in place of the estimate. Both are written in the background.
 */
export function settleShared(
  runtime: RouterRuntime,
  shared: SharedState,
  deployment: Deployment,
  tickets: AttemptTickets,
  usage: CompletionUsage | undefined,
): void {
  if (tickets.spend.ended) return;
  if (tickets.hold !== undefined) shared.release(tickets.hold.holdId, tickets.hold.claims);
  const ticket = tickets.usage;
  if (deployment.tpm === undefined || usage === undefined || ticket === undefined) return;
  const correction = usage.total_tokens - ticket.reservedTokens;
  const windowStart = ticket.minute * MINUTE_MS;
  if (correction !== 0) runtime.state.counters.add(deploymentCounterKey(deployment, 'tpm'), windowStart, windowStart + MINUTE_MS, correction);
}
