import { CallerRateLimitError } from '../errors/router-side-errors.js';
import type { WindowCounters } from '../state/window-counters.js';
import { windowStart } from './period.js';
import type { LimitConfig } from './spend-config.js';
import type { ScopeValue } from './spend-scope.js';

const MINUTE_MS = 60_000;

interface Limit extends LimitConfig {
  /** Its place in `limits`: keeps the counters of two limits on one scope value apart. */
  index: number;
}

/** What a call holds against the limits until it ends: its tokens, reserved from an estimate. */
export interface LimitTicket {
  tokenKeys: string[];
  windowStart: number;
  reservedTokens: number;
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
  readonly #named = new Map<string, Limit[]>();
  readonly #generic = new Map<string, Limit[]>();
  readonly any: boolean;

  constructor(
    configs: readonly LimitConfig[],
    private readonly counters: WindowCounters,
  ) {
    configs.forEach((config, index) => {
      const limit = { ...config, index };
      const map = config.id === undefined ? this.#generic : this.#named;
      const key = config.id === undefined ? config.scope : `${config.scope}:${config.id}`;
      map.set(key, [...(map.get(key) ?? []), limit]);
    });
    this.any = configs.length > 0;
  }

  /** Counts the call against every limit on its scope values, or throws CallerRateLimitError naming the first one it is over. */
  admit(values: readonly ScopeValue[], estimateTokens: () => number, atMs: number): LimitTicket | undefined {
    const applying: Array<{ limit: Limit; value: ScopeValue }> = [];
    for (const value of values) {
      const limits = (value.id === undefined ? undefined : this.#named.get(`${value.scope}:${value.id}`)) ?? this.#generic.get(value.scope);
      if (limits) for (const limit of limits) applying.push({ limit, value });
    }
    if (applying.length === 0) return undefined;

    const start = windowStart(MINUTE_MS, atMs);
    const retryAfterMs = start + MINUTE_MS - atMs;
    let estimate: number | undefined;
    for (const { limit, value } of applying) {
      if (limit.rpm !== undefined && this.counters.get(this.#key('rpm', limit, value), start) >= limit.rpm) {
        throw this.#refusal(value, 'rpm', limit.rpm, `${limit.rpm} requests per minute`, retryAfterMs);
      }
      if (limit.tpm !== undefined) {
        const used = this.counters.get(this.#key('tpm', limit, value), start);
        estimate ??= estimateTokens();
        if (used >= limit.tpm || (used > 0 && used + estimate > limit.tpm)) {
          throw this.#refusal(value, 'tpm', limit.tpm, `${limit.tpm} tokens per minute (${Math.round(used)} used, about ${estimate} asked)`, retryAfterMs);
        }
      }
    }

    const ticket: LimitTicket = { tokenKeys: [], windowStart: start, reservedTokens: estimate ?? 0 };
    for (const { limit, value } of applying) {
      if (limit.rpm !== undefined) this.counters.add(this.#key('rpm', limit, value), start, 1);
      if (limit.tpm !== undefined) {
        const key = this.#key('tpm', limit, value);
        this.counters.add(key, start, ticket.reservedTokens);
        ticket.tokenKeys.push(key);
      }
    }
    return ticket;
  }

  /** Replaces the call's token estimate by what it used. */
  settle(ticket: LimitTicket, usedTokens: number): void {
    const correction = usedTokens - ticket.reservedTokens;
    if (correction !== 0) for (const key of ticket.tokenKeys) this.counters.add(key, ticket.windowStart, correction);
  }

  #key(count: 'rpm' | 'tpm', limit: Limit, value: ScopeValue): string {
    return `${count}#${limit.index}:${value.key}`;
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
