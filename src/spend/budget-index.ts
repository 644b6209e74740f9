import { periodMs } from './period.js';
import type { BudgetConfig } from './spend-config.js';
import type { SpendScope } from './spend-scope.js';

/** A budget as the router checks it. */
export interface Budget {
  readonly scope: SpendScope;
  readonly id: string | undefined;
  readonly maxUsd: number;
  readonly period: string | undefined;
  /** Undefined: one window that never ends. */
  readonly lengthMs: number | undefined;
  readonly warnAt: number | undefined;
  /** Its counters' names: spend in the current period, and reservations. */
  readonly spendName: string;
  readonly reservedName: string;
}

const NONE: readonly Budget[] = Object.freeze([]);

function budgetOf(config: BudgetConfig): Budget {
  return Object.freeze({
    scope: config.scope,
    id: config.id,
    maxUsd: config.maxUsd,
    period: config.period,
    lengthMs: config.period === undefined ? undefined : periodMs(config.period),
    warnAt: config.warnAt,
    spendName: `spend@${config.period ?? ''}`,
    reservedName: `reserved@${config.period ?? ''}`,
  });
}

/**
 * The budgets by scope: those naming a scope value apply to it; the others (no `id`)
 * apply to every value of their scope that no budget names. Budgets set or removed at run
 * time replace those on the same scope and id.
 */
export class BudgetIndex {
  readonly #named = new Map<string, readonly Budget[]>();
  readonly #generic = new Map<SpendScope, readonly Budget[]>();
  /** How many scope and id pairs of each scope have budgets. */
  readonly #perScope = new Map<SpendScope, number>();
  readonly #scopes = new Set<SpendScope>();

  constructor(configs: readonly BudgetConfig[]) {
    for (const config of configs) {
      const existing = this.#get(config.scope, config.id);
      this.#put(config.scope, config.id, [...existing, budgetOf(config)]);
    }
  }

  /** The scopes some budget is on. */
  get scopes(): ReadonlySet<SpendScope> {
    return this.#scopes;
  }

  /** The budgets on one scope value (`global` has none). */
  for(scope: SpendScope, id: string | undefined): readonly Budget[] {
    if (!this.#scopes.has(scope)) return NONE;
    return (id === undefined ? undefined : this.#named.get(`${scope}:${id}`)) ?? this.#generic.get(scope) ?? NONE;
  }

  /** Replaces every budget on the config's scope and id by this one. */
  set(config: BudgetConfig): void {
    this.#put(config.scope, config.id, [budgetOf(config)]);
  }

  /** Removes the budgets on this scope and id; true when there were some. */
  remove(scope: SpendScope, id: string | undefined): boolean {
    return this.#put(scope, id, NONE);
  }

  #get(scope: SpendScope, id: string | undefined): readonly Budget[] {
    return (id === undefined ? this.#generic.get(scope) : this.#named.get(`${scope}:${id}`)) ?? NONE;
  }

  /** Puts the list on the scope and id (none: takes it off); answers whether there was one. */
  #put(scope: SpendScope, id: string | undefined, budgets: readonly Budget[]): boolean {
    const had = id === undefined ? this.#generic.has(scope) : this.#named.has(`${scope}:${id}`);
    if (budgets.length === 0) {
      if (id === undefined) this.#generic.delete(scope);
      else this.#named.delete(`${scope}:${id}`);
    } else if (id === undefined) this.#generic.set(scope, budgets);
    else this.#named.set(`${scope}:${id}`, budgets);
    const has = budgets.length > 0;
    if (had !== has) this.#count(scope, has ? 1 : -1);
    return had;
  }

  #count(scope: SpendScope, change: number): void {
    const count = (this.#perScope.get(scope) ?? 0) + change;
    this.#perScope.set(scope, count);
    if (count > 0) this.#scopes.add(scope);
    else this.#scopes.delete(scope);
  }
}
