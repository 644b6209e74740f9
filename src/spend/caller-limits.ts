import { CallerRateLimitError } from '../errors/router-side-errors.js';
import { boundedTokens, isCountable } from '../state/countable.js';
import type { CounterClaim } from '../state/shared-state.js';
import type { WindowCounters } from '../state/window-counters.js';
import { windowStart } from './period.js';
import type { LimitConfig } from './spend-config.js';
import { counterKey, type ScopeValue } from './spend-scope.js';

const MINUTE_MS = 60_000;
const NONE: readonly CallerLimit[] = Object.freeze([]);

/** A caller limit as the router checks it. */
export interface CallerLimit extends LimitConfig {
  /**
   * Its counters' names: by its place in `limits` (two limits on one scope value count
   * apart). One set at run time takes those of the `limits` entry that applies to its scope
   * and id (the scope-wide one when none names the id), else `rpm` and `tpm`: a replaced limit's
   * minute goes on, and every process names the counters alike, whatever it set before.
   */
  rpmName: string;
  tpmName: string;
}

/** What a call holds against the limits until it ends: its tokens, reserved from an estimate. */
export interface LimitTicket {
  tokenKeys: string[];
  windowStart: number;
  reservedTokens: number;
  /** In a shared store: the counts the first attempt takes with its claim (none are added here), and the refusal of each; emptied once taken. */
  claims?: CounterClaim[];
  refusals?: (() => CallerRateLimitError)[];
}

function describe(value: ScopeValue): string {
  return value.scope === 'global' ? 'the router' : `${value.scope} '${value.id}'`;
}

/**
 * Requests and tokens per minute for callers (`limits`), in fixed UTC minutes kept in the
 * state store. Checked and counted when a call starts, before any deployment is chosen,
 * so an over-limit call never reaches a provider or a deployment's health.
 */
export class CallerLimits {
  readonly #named = new Map<string, readonly CallerLimit[]>();
  readonly #generic = new Map<string, readonly CallerLimit[]>();
  /** The limits of the options, as built: where a limit set at run time takes its counters' names. */
  readonly #configured: { named: ReadonlyMap<string, readonly CallerLimit[]>; generic: ReadonlyMap<string, readonly CallerLimit[]> };

  /**
   * @param shared the store is shared between processes: a call's counts are checked there
   * again and taken with its first attempt's claim, so `admit` only checks the local view.
   */
  constructor(
    configs: readonly LimitConfig[],
    private readonly counters: WindowCounters,
    private readonly shared = false,
  ) {
    configs.forEach((config, index) => {
      const limit: CallerLimit = { ...config, rpmName: `rpm#${index}`, tpmName: `tpm#${index}` };
      const map = config.id === undefined ? this.#generic : this.#named;
      const key = config.id === undefined ? config.scope : `${config.scope}:${config.id}`;
      map.set(key, [...(map.get(key) ?? []), limit]);
    });
    this.#configured = { named: new Map(this.#named), generic: new Map(this.#generic) };
  }

  /** Whether any limit is set. */
  get any(): boolean {
    return this.#named.size > 0 || this.#generic.size > 0;
  }

  /** The limits on one scope value: those naming it, else those on its whole scope. */
  for(scope: string, id: string | undefined): readonly CallerLimit[] {
    return (id === undefined ? undefined : this.#named.get(`${scope}:${id}`)) ?? this.#generic.get(scope) ?? NONE;
  }

  /** Replaces every limit on the config's scope and id by this one. */
  set(config: LimitConfig): void {
    const { named, generic } = this.#configured;
    const configured = (config.id === undefined ? undefined : named.get(`${config.scope}:${config.id}`)) ?? generic.get(config.scope);
    const names = configured?.[0];
    const limit: CallerLimit = { ...config, rpmName: names?.rpmName ?? 'rpm', tpmName: names?.tpmName ?? 'tpm' };
    if (config.id === undefined) this.#generic.set(config.scope, [limit]);
    else this.#named.set(`${config.scope}:${config.id}`, [limit]);
  }

  /** Removes the limits on this scope and id; true when there were some. */
  remove(scope: string, id: string | undefined): boolean {
    return id === undefined ? this.#generic.delete(scope) : this.#named.delete(`${scope}:${id}`);
  }

  /** Counts the call against every limit on its scope values, or throws CallerRateLimitError naming the first one it is over. */
  admit(values: readonly ScopeValue[], estimateTokens: () => number, atMs: number): LimitTicket | undefined {
    const start = windowStart(MINUTE_MS, atMs);
    const retryAfterMs = start + MINUTE_MS - atMs;
    let limited = false;
    let estimate: number | undefined;
    for (const value of values) {
      for (const limit of value.limits) {
        limited = true;
        if (limit.rpm !== undefined && this.counters.get(counterKey(value, limit.rpmName), start) >= limit.rpm) {
          throw this.#refusal(value, 'rpm', limit.rpm, `${limit.rpm} requests per minute`, retryAfterMs);
        }
        if (limit.tpm !== undefined) {
          const used = this.counters.get(counterKey(value, limit.tpmName), start);
          estimate ??= boundedTokens(estimateTokens());
          if (used >= limit.tpm || (used > 0 && used + estimate > limit.tpm)) {
            throw this.#refusal(value, 'tpm', limit.tpm, `${limit.tpm} tokens per minute (${Math.round(used)} used, about ${estimate} asked)`, retryAfterMs);
          }
        }
      }
    }
    if (!limited) return undefined;

    const end = start + MINUTE_MS;
    const ticket: LimitTicket = { tokenKeys: [], windowStart: start, reservedTokens: estimate ?? 0 };
    if (this.shared) return this.#claimed(ticket, values, end, retryAfterMs);
    for (const value of values) {
      for (const limit of value.limits) {
        if (limit.rpm !== undefined) this.counters.add(counterKey(value, limit.rpmName), start, end, 1);
        if (limit.tpm !== undefined) {
          const key = counterKey(value, limit.tpmName);
          this.counters.add(key, start, end, ticket.reservedTokens);
          ticket.tokenKeys.push(key);
        }
      }
    }
    return ticket;
  }

  /** The ticket of a shared store: each count as a claim, checked as `admit` checks it. */
  #claimed(ticket: LimitTicket, values: readonly ScopeValue[], end: number, retryAfterMs: number): LimitTicket {
    const claims: CounterClaim[] = [];
    const refusals: (() => CallerRateLimitError)[] = [];
    const start = ticket.windowStart;
    for (const value of values) {
      for (const limit of value.limits) {
        if (limit.rpm !== undefined) {
          const rpm = limit.rpm;
          claims.push({ kind: 'counter', key: counterKey(value, limit.rpmName), windowStart: start, windowEnd: end, amount: 1, limit: rpm, rule: 'strict' });
          refusals.push(() => this.#refusal(value, 'rpm', rpm, `${rpm} requests per minute across the processes sharing its state`, retryAfterMs));
        }
        if (limit.tpm !== undefined) {
          const tpm = limit.tpm;
          const key = counterKey(value, limit.tpmName);
          claims.push({ kind: 'counter', key, windowStart: start, windowEnd: end, amount: ticket.reservedTokens, limit: tpm, rule: 'first-fits' });
          refusals.push(() => this.#refusal(value, 'tpm', tpm, `${tpm} tokens per minute across the processes sharing its state`, retryAfterMs));
          ticket.tokenKeys.push(key);
        }
      }
    }
    ticket.claims = claims;
    ticket.refusals = refusals;
    return ticket;
  }

  /** Replaces the call's token estimate by what it used; the estimate stands when that is not a count. */
  settle(ticket: LimitTicket, usedTokens: number): void {
    if (!isCountable(usedTokens)) return;
    const correction = usedTokens - ticket.reservedTokens;
    if (correction !== 0) for (const key of ticket.tokenKeys) this.counters.add(key, ticket.windowStart, ticket.windowStart + MINUTE_MS, correction);
  }

  #refusal(value: ScopeValue, limitName: 'rpm' | 'tpm', limit: number, what: string, retryAfterMs: number): CallerRateLimitError {
    return new CallerRateLimitError(`Rate limit of ${describe(value)} reached: ${what}; retry in ${retryAfterMs} ms`, {
      scope: value.scope,
      scopeId: value.id,
      limitName,
      limit,
      retryAfterMs,
    });
  }
}
