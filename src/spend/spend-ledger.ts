import type { RouterEventBus } from '../events/router-event-bus.js';
import type { BudgetEventScope } from '../events/event-types.js';
import { isCountable } from '../state/countable.js';
import type { BudgetClaim } from '../state/shared-state.js';
import { MemoryWindowCounters, type WindowCounters } from '../state/window-counters.js';
import type { Budget } from './budget-index.js';
import { windowStart } from './period.js';
import { counterKey, type ScopeValue } from './spend-scope.js';

/** Where a budget stands for one scope value in its current period. */
export interface BudgetStanding {
  budget: Budget;
  value: ScopeValue;
  spentUsd: number;
  /** Estimated cost of the calls in flight under it. */
  reservedUsd: number;
  /** The estimated cost of the call it refused; 0 when it refuses every call. */
  estimateUsd: number;
  /** 0 for a budget that never resets. */
  windowStart: number;
  resetsAt: number | undefined;
}

/** One spend counter of a scope value in its current window: all-time (0 to Infinity) or a budget's period. */
export interface SpendCounter {
  key: string;
  windowStart: number;
  windowEnd: number;
}

/** A call's estimated cost held against a budget until the call ends. */
export interface BudgetHold {
  key: string;
  windowStart: number;
  windowEnd: number;
  usd: number;
  /** In a shared store: the claim that takes the hold there (with its attempt's other claims); nothing is added to the local counters. */
  claim?: BudgetClaim;
  budget: Budget;
  value: ScopeValue;
  /** Taken while the shared store was away: held in this process only, never written to the store (a process that dies cannot leave it there). */
  away?: boolean;
}

/** Sums of float USD drift by ~1e-16 per addition; a billionth of a dollar is "at the limit". */
const USD_EPSILON = 1e-9;

/** USD as the ledger keeps it: an amount that is not a finite number of 0 or more counts as 0, so it never reaches the counters every call reads. */
const usdAmount = (usd: number) => (isCountable(usd) ? usd : 0);

/** Whether a call estimated at `estimateUsd` fits in `roomUsd`, what a budget has left: the limit minus spend and reservations. */
export function fitsIn(roomUsd: number, estimateUsd: number): boolean {
  return roomUsd > USD_EPSILON && estimateUsd <= roomUsd + USD_EPSILON;
}

/** A budget without a period keeps its spend in the value's all-time counter. */
const spendKeyOf = (value: ScopeValue, budget: Budget) => (budget.period === undefined ? value.spendKey : counterKey(value, budget.spendName));
const windowOf = (budget: Budget, atMs: number) => (budget.lengthMs === undefined ? 0 : windowStart(budget.lengthMs, atMs));
const endOf = (budget: Budget, start: number) => (budget.lengthMs === undefined ? Infinity : start + budget.lengthMs);

function standingOf(budget: Budget, value: ScopeValue, spentUsd: number, reservedUsd: number, start: number, estimateUsd = 0): BudgetStanding {
  const resetsAt = budget.lengthMs === undefined ? undefined : endOf(budget, start);
  return { budget, value, spentUsd, reservedUsd, estimateUsd, windowStart: start, resetsAt };
}

/**
 * Spend and reservations in the state store's window counters: all-time spend for every
 * scope value a priced call touches, and spend per period for those with budgets. Emits
 * `budget-warning` and `budget-exceeded` once per period (per process).
 */
export class SpendLedger {
  readonly #flagged = new Map<string, number>();
  /** With a shared store: the holds of calls served while it was away, counted beside the store's. */
  readonly #heldAway: MemoryWindowCounters | undefined;

  /** @param shared the store is shared between processes: holds are taken by the attempt's claim, not added here. */
  constructor(
    private readonly counters: WindowCounters,
    private readonly events: RouterEventBus,
    private readonly shared = false,
  ) {
    this.#heldAway = shared ? new MemoryWindowCounters() : undefined;
  }

  /** Where the budget stands, as `router.spend` reports it: with a shared store, the reservations last seen there. */
  standing(budget: Budget, value: ScopeValue, atMs: number): BudgetStanding {
    const start = windowOf(budget, atMs);
    const seen = this.shared ? Math.max(0, this.counters.get(counterKey(value, budget.reservedName), start)) : 0;
    return standingOf(budget, value, this.#spent(budget, value, start), seen + this.#reserved(budget, value, start), start);
  }

  /** The standing of a budget the shared store refused a hold under, from the spend and reservations it read. */
  refusedShared(hold: BudgetHold, spentUsd: number, reservedUsd: number): BudgetStanding {
    const { budget, value } = hold;
    const standing = standingOf(budget, value, spentUsd, reservedUsd, hold.windowStart, hold.usd);
    if (spentUsd >= budget.maxUsd - USD_EPSILON || reservedUsd < USD_EPSILON) this.#flagOnce('budget-exceeded', standing);
    return standing;
  }

  /** What the budget has left in its current period: its limit less spend and what calls in flight hold. */
  room(budget: Budget, value: ScopeValue, atMs: number): number {
    const start = windowOf(budget, atMs);
    return budget.maxUsd - this.#spent(budget, value, start) - this.#reserved(budget, value, start);
  }

  /**
   * The budget's standing when a call estimated at `estimateUsd` does not fit under it (spend,
   * reservations and the estimate together pass the limit; at the limit, no call fits);
   * undefined (and nothing made) when it fits. Tells `budget-exceeded` listeners once per
   * period, once spend reached the limit or the budget refused a call with none in flight.
   */
  refusal(budget: Budget, value: ScopeValue, atMs: number, estimateUsd: number): BudgetStanding | undefined {
    const start = windowOf(budget, atMs);
    const spentUsd = this.#spent(budget, value, start);
    const reservedUsd = this.#reserved(budget, value, start);
    const estimate = usdAmount(estimateUsd);
    if (fitsIn(budget.maxUsd - spentUsd - reservedUsd, estimate)) return undefined;
    const standing = standingOf(budget, value, spentUsd, reservedUsd, start, estimate);
    if (spentUsd >= budget.maxUsd - USD_EPSILON || reservedUsd < USD_EPSILON) this.#flagOnce('budget-exceeded', standing);
    return standing;
  }

  #spent(budget: Budget, value: ScopeValue, start: number): number {
    return this.counters.get(spendKeyOf(value, budget), start);
  }

  /**
   * What calls in flight hold against the budget, as decisions here count it. With a shared
   * store, only the holds of calls served while it was away: the fleet's holds are judged by
   * the claim script, which drops those of processes that died (a local copy of them would
   * refuse calls without ever asking the store).
   */
  #reserved(budget: Budget, value: ScopeValue, start: number): number {
    const key = counterKey(value, budget.reservedName);
    return Math.max(0, (this.#heldAway ?? this.counters).get(key, start));
  }

  reserve(budget: Budget, value: ScopeValue, atMs: number, estimateUsd: number): BudgetHold {
    const start = windowOf(budget, atMs);
    const key = counterKey(value, budget.reservedName);
    const end = endOf(budget, start);
    const usd = usdAmount(estimateUsd);
    if (this.shared) {
      const spendWindowStart = budget.period === undefined ? 0 : start;
      const claim: BudgetClaim = {
        kind: 'budget',
        spendKey: spendKeyOf(value, budget),
        spendWindowStart,
        reservedKey: key,
        windowStart: start,
        windowEnd: end,
        maxUsd: budget.maxUsd,
        amountUsd: usd,
      };
      return { key, windowStart: start, windowEnd: end, usd, claim, budget, value };
    }
    this.counters.add(key, start, end, usd);
    return { key, windowStart: start, windowEnd: end, usd, budget, value };
  }

  /** Holds the reservation in the local counters: a shared store that could not be reached serves the call on local accounting. */
  holdLocally(hold: BudgetHold): void {
    hold.claim = undefined;
    hold.away = true;
    this.#heldAway?.add(hold.key, hold.windowStart, hold.windowEnd, hold.usd);
  }

  /** Gives back a hold kept in this process; one a shared claim took is given back with that claim. */
  release(hold: BudgetHold): void {
    if (hold.claim !== undefined || hold.usd === 0) return;
    (hold.away ? (this.#heldAway as MemoryWindowCounters) : this.counters).add(hold.key, hold.windowStart, hold.windowEnd, -hold.usd);
  }

  /** Adds a call's cost to the value's all-time spend and to each of its budgets' current period. */
  record(value: ScopeValue, costUsd: number, atMs: number): void {
    const usd = usdAmount(costUsd);
    if (usd === 0) return;
    const total = this.counters.add(value.spendKey, 0, Infinity, usd);
    for (const budget of value.budgets) {
      const start = windowOf(budget, atMs);
      const spent = budget.period === undefined ? total : this.counters.add(counterKey(value, budget.spendName), start, endOf(budget, start), usd);
      const before = spent - usd + USD_EPSILON;
      const after = spent + USD_EPSILON;
      if (budget.warnAt !== undefined && before < budget.warnAt * budget.maxUsd && after >= budget.warnAt * budget.maxUsd) {
        this.#flagOnce('budget-warning', standingOf(budget, value, spent, 0, start));
      }
      if (before < budget.maxUsd && after >= budget.maxUsd) this.#flagOnce('budget-exceeded', standingOf(budget, value, spent, 0, start));
    }
  }

  /** The value's spend counters at `atMs`: its all-time spend, and each of its budgets' current period (once per counter). */
  spendCounters(value: ScopeValue, atMs: number): SpendCounter[] {
    const counters: SpendCounter[] = [{ key: value.spendKey, windowStart: 0, windowEnd: Infinity }];
    for (const budget of value.budgets) {
      if (budget.period === undefined) continue;
      const key = counterKey(value, budget.spendName);
      if (counters.some((counter) => counter.key === key)) continue;
      const start = windowOf(budget, atMs);
      counters.push({ key, windowStart: start, windowEnd: endOf(budget, start) });
    }
    return counters;
  }

  /** All-time spend of the value, for scopes without a budget. */
  allTime(value: ScopeValue): number {
    return this.counters.get(value.spendKey, 0);
  }

  /** Forgets the value's spend, all-time and in every budget's period; calls in flight keep their reservations. */
  reset(value: ScopeValue): void {
    this.counters.delete(value.spendKey);
    for (const budget of value.budgets) {
      const key = spendKeyOf(value, budget);
      this.counters.delete(key);
      this.#flagged.delete(`budget-warning|${key}`);
      this.#flagged.delete(`budget-exceeded|${key}`);
    }
  }

  #flagOnce(event: 'budget-warning' | 'budget-exceeded', standing: BudgetStanding): void {
    const flag = `${event}|${spendKeyOf(standing.value, standing.budget)}`;
    if (this.#flagged.get(flag) === standing.windowStart) return;
    this.#flagged.set(flag, standing.windowStart);
    if (!this.events.has(event)) return;
    const payload = budgetEventScope(standing);
    if (event === 'budget-warning') this.events.emit(event, { ...payload, warnAt: standing.budget.warnAt ?? 1 });
    else this.events.emit(event, payload);
  }
}

export function budgetEventScope(standing: BudgetStanding): BudgetEventScope {
  const periodic = standing.resetsAt !== undefined;
  return {
    scope: standing.value.scope,
    id: standing.value.id,
    spentUsd: standing.spentUsd,
    limitUsd: standing.budget.maxUsd,
    periodStart: periodic ? new Date(standing.windowStart) : undefined,
    resetsAt: periodic ? new Date(standing.resetsAt as number) : undefined,
  };
}
