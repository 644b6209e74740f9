import type { CooldownPolicy } from './cooldown-policy.js';

/**
 * A deployment's circuit, as kept in the state store: plain data, so any store can hold
 * it. Half-open is not stored: an open circuit whose `reopensAt` has passed is half-open.
 */
export interface Circuit {
  open: boolean;
  openedAt: number;
  reopensAt: number;
  /** The cooldown that opened it; a failed probe doubles it. */
  cooldownMs: number;
  /** Error class that opened it. */
  reason: string | undefined;
  /** A probe is in flight (half-open admits exactly one). */
  probing: boolean;
  consecutiveFailures: number;
  /** Two fixed windows make a sliding estimate of the failure rate. */
  windowStart: number;
  windowRequests: number;
  windowFailures: number;
  previousRequests: number;
  previousFailures: number;
  totalSuccesses: number;
  totalFailures: number;
}

export type CircuitStatus = 'closed' | 'open' | 'half-open';

export function newCircuit(now: number): Circuit {
  return {
    open: false,
    openedAt: 0,
    reopensAt: 0,
    cooldownMs: 0,
    reason: undefined,
    probing: false,
    consecutiveFailures: 0,
    windowStart: now,
    windowRequests: 0,
    windowFailures: 0,
    previousRequests: 0,
    previousFailures: 0,
    totalSuccesses: 0,
    totalFailures: 0,
  };
}

export function circuitStatus(circuit: Circuit | undefined, now: number): CircuitStatus {
  if (!circuit?.open) return 'closed';
  return now >= circuit.reopensAt ? 'half-open' : 'open';
}

/** Copies every field of `from` into `into`, so a working circuit can be reused without allocating. */
export function copyCircuit(from: Readonly<Circuit>, into: Circuit): Circuit {
  into.open = from.open;
  into.openedAt = from.openedAt;
  into.reopensAt = from.reopensAt;
  into.cooldownMs = from.cooldownMs;
  into.reason = from.reason;
  into.probing = from.probing;
  into.consecutiveFailures = from.consecutiveFailures;
  into.windowStart = from.windowStart;
  into.windowRequests = from.windowRequests;
  into.windowFailures = from.windowFailures;
  into.previousRequests = from.previousRequests;
  into.previousFailures = from.previousFailures;
  into.totalSuccesses = from.totalSuccesses;
  into.totalFailures = from.totalFailures;
  return into;
}

/** Moves the rate windows forward to `now`. */
function roll(circuit: Circuit, now: number, windowMs: number): void {
  const elapsed = now - circuit.windowStart;
  if (elapsed < windowMs) return;
  const adjacent = elapsed < 2 * windowMs;
  circuit.previousRequests = adjacent ? circuit.windowRequests : 0;
  circuit.previousFailures = adjacent ? circuit.windowFailures : 0;
  circuit.windowRequests = 0;
  circuit.windowFailures = 0;
  circuit.windowStart = now - (elapsed % windowMs);
}

/**
 * Failure rate and request count over the last `windowMs`, weighting the previous window
 * by how much of it still overlaps. Reads only: the windows are rolled forward in the
 * arithmetic, as `roll` would move them.
 */
export function windowStats(circuit: Readonly<Circuit>, now: number, windowMs: number): { requests: number; failureRate: number } {
  const elapsed = now - circuit.windowStart;
  let requests = 0;
  let failures = 0;
  if (elapsed < windowMs) {
    const overlap = 1 - elapsed / windowMs;
    requests = circuit.windowRequests + circuit.previousRequests * overlap;
    failures = circuit.windowFailures + circuit.previousFailures * overlap;
  } else if (elapsed < 2 * windowMs) {
    // The current window became the previous one, and the new current one is empty.
    const overlap = 1 - (elapsed % windowMs) / windowMs;
    requests = circuit.windowRequests * overlap;
    failures = circuit.windowFailures * overlap;
  }
  return { requests, failureRate: requests > 0 ? failures / requests : 0 };
}

/** Records a success; only the probe's success closes an open circuit (a call begun before it opened proves nothing). Returns whether it closed. */
export function recordSuccess(circuit: Circuit, probe: boolean, now: number, policy: CooldownPolicy): boolean {
  roll(circuit, now, policy.windowMs);
  circuit.windowRequests++;
  circuit.totalSuccesses++;
  circuit.consecutiveFailures = 0;
  if (!circuit.open || !probe) return false;
  circuit.open = false;
  circuit.probing = false;
  circuit.reason = undefined;
  return true;
}

export interface FailureFacts {
  /** Error class name. */
  reason: string;
  /** Take the deployment out at once (429, 401/403/404). */
  immediate: boolean;
  /** The provider's retry-after, for a 429. */
  retryAfterMs: number | undefined;
}

/**
 * Records a failure; returns the cooldown it started, if it opened the circuit. A failed
 * probe reopens it for longer; other failures of an open circuit change nothing.
 */
export function recordFailure(circuit: Circuit, facts: FailureFacts, probe: boolean, now: number, policy: CooldownPolicy): number | undefined {
  roll(circuit, now, policy.windowMs);
  circuit.windowRequests++;
  circuit.windowFailures++;
  circuit.totalFailures++;
  circuit.consecutiveFailures++;

  let cooldownMs: number | undefined;
  if (circuit.open && probe) {
    cooldownMs = Math.max(Math.min(circuit.cooldownMs * 2, policy.maxCooldownMs), facts.retryAfterMs ?? 0);
  } else if (circuit.open) {
    return undefined;
  } else if (facts.immediate) {
    cooldownMs = facts.retryAfterMs ?? policy.cooldownMs;
  } else if (circuit.consecutiveFailures >= policy.allowedFails) {
    cooldownMs = policy.cooldownMs;
  } else {
    const { requests, failureRate } = windowStats(circuit, now, policy.windowMs);
    if (requests >= policy.minRequests && failureRate >= policy.failureRate) cooldownMs = policy.cooldownMs;
  }
  if (cooldownMs === undefined || cooldownMs <= 0) return undefined;

  circuit.open = true;
  circuit.probing = false;
  circuit.openedAt = now;
  circuit.reopensAt = now + cooldownMs;
  circuit.cooldownMs = cooldownMs;
  circuit.reason = facts.reason;
  return cooldownMs;
}
