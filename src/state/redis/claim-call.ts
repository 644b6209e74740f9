import type { Claim, ClaimAnswer, ClaimRequest } from '../shared-state.js';
import { edge, KeyList, windowTtlMs } from './key-list.js';
import type { RedisKeys } from './redis-keys.js';
import type { RedisWindowCounters } from './redis-window-counters.js';

/** A claim as the claim script takes it: its keys, and its items naming them by index. */
export function claimCall(request: ClaimRequest, holdId: string, keys: RedisKeys): { keys: string[]; spec: string } {
  const list = new KeyList();
  const items = request.claims.map((claim) => {
    switch (claim.kind) {
      case 'counter':
        return {
          t: 'c',
          k: list.add(keys.counter(claim.key)),
          ws: edge(claim.windowStart),
          we: edge(claim.windowEnd),
          ttl: windowTtlMs(claim.windowStart, claim.windowEnd),
          a: String(claim.amount),
          l: claim.limit,
          r: claim.rule === 'first-fits' ? 1 : 0,
        };
      case 'budget':
        return {
          t: 'b',
          sk: list.add(keys.counter(claim.spendKey)),
          sw: edge(claim.spendWindowStart),
          rk: list.add(keys.counter(claim.reservedKey)),
          hk: list.add(keys.holds(claim.reservedKey)),
          ws: edge(claim.windowStart),
          we: edge(claim.windowEnd),
          ttl: windowTtlMs(claim.windowStart, claim.windowEnd),
          max: claim.maxUsd,
          a: String(claim.amountUsd),
        };
      case 'probe':
        return { t: 'p', k: list.add(keys.probe(claim.deploymentId)) };
    }
  });
  return { keys: list.keys, spec: JSON.stringify({ now: request.now, holdMs: Math.ceil(request.holdMs), holdId, items }) };
}

/**
 * The script's reply as an answer, its values brought into the local view: per counter its
 * value, per budget its spend and its reservations (one value each in the answer: their sum).
 */
export function claimAnswer(reply: unknown, claims: readonly Claim[], holdId: string, counters: RedisWindowCounters): ClaimAnswer {
  const [status, refusedIndex, ...raw] = reply as [string, number, ...string[]];
  const values: number[] = [];
  let next = 0;
  for (const claim of claims) {
    if (next >= raw.length) break;
    if (claim.kind === 'counter') {
      const value = Number(raw[next++]);
      counters.observe(claim.key, claim.windowStart, claim.windowEnd, value);
      values.push(value);
    } else if (claim.kind === 'budget') {
      const spent = Number(raw[next++]);
      const reserved = Number(raw[next++]);
      counters.observe(claim.spendKey, claim.spendWindowStart, claim.spendWindowStart === 0 ? Infinity : claim.windowEnd, spent);
      counters.observe(claim.reservedKey, claim.windowStart, claim.windowEnd, reserved);
      values.push(spent + reserved);
    } else {
      next++;
      values.push(0);
    }
  }
  return status === 'taken' ? { status: 'taken', holdId, values } : { status: 'refused', index: Number(refusedIndex), values };
}
