import type { Claim, ClaimAnswer, ClaimRequest } from '../shared-state.js';
import { edge, windowTtlMs, type KeyList } from './key-list.js';
import type { RedisKeys } from './redis-keys.js';
import type { RedisWindowCounters } from './redis-window-counters.js';

/** A claim's flat arguments as the claim script takes them (`now, holdMs, holdId`, how many follow, its items), naming its keys by their index in `list`. */
export function claimArguments(request: ClaimRequest, holdId: string, keys: RedisKeys, list: KeyList): string[] {
  const args = [String(request.now), String(Math.ceil(request.holdMs)), holdId, ''];
  for (const claim of request.claims) {
    if (claim.kind === 'counter') {
      const ttl = windowTtlMs(claim.windowStart, claim.windowEnd);
      const rule = claim.rule === 'first-fits' ? '1' : '0';
      args.push(
        'c',
        String(list.add(keys.counter(claim.key))),
        edge(claim.windowStart),
        edge(claim.windowEnd),
        String(ttl),
        String(claim.amount),
        String(claim.limit),
        rule,
      );
    } else if (claim.kind === 'budget') {
      const ttl = String(windowTtlMs(claim.windowStart, claim.windowEnd));
      const spend = String(list.add(keys.counter(claim.spendKey)));
      const reserved = String(list.add(keys.counter(claim.reservedKey)));
      const holds = String(list.add(keys.holds(claim.reservedKey)));
      args.push(
        'b',
        spend,
        edge(claim.spendWindowStart),
        reserved,
        holds,
        edge(claim.windowStart),
        edge(claim.windowEnd),
        ttl,
        String(claim.maxUsd),
        String(claim.amountUsd),
      );
    } else {
      args.push('p', String(list.add(keys.probe(claim.deploymentId))));
    }
  }
  args[3] = String(args.length - 4);
  return args;
}

/**
 * The script's reply as an answer, its values brought into the local view: per counter its
 * value, per budget its spend and its reservations.
 */
export function claimAnswer(
  status: string,
  refusedIndex: number,
  raw: readonly string[],
  claims: readonly Claim[],
  holdId: string,
  counters: RedisWindowCounters,
): ClaimAnswer {
  const values: number[] = [];
  const reservedUsd: number[] = [];
  let next = 0;
  for (const claim of claims) {
    if (next >= raw.length) break;
    if (claim.kind === 'counter') {
      const value = Number(raw[next++]);
      counters.observe(claim.key, claim.windowStart, claim.windowEnd, value);
      values.push(value);
      reservedUsd.push(0);
    } else if (claim.kind === 'budget') {
      const spent = Number(raw[next++]);
      const reserved = Number(raw[next++]);
      counters.observe(claim.spendKey, claim.spendWindowStart, claim.spendWindowStart === 0 ? Infinity : claim.windowEnd, spent);
      counters.observe(claim.reservedKey, claim.windowStart, claim.windowEnd, reserved);
      values.push(spent);
      reservedUsd.push(reserved);
    } else {
      next++;
      values.push(0);
      reservedUsd.push(0);
    }
  }
  return status === 'taken' ? { status: 'taken', holdId, values, reservedUsd } : { status: 'refused', index: Number(refusedIndex), values, reservedUsd };
}
