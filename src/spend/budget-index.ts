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

/**
 * The budgets by scope: those naming a scope value apply to it; the others (no `id`)
 * apply to every value of their scope that no budget names.
 */
export class BudgetIndex {
  readonly #named = new Map<string, Budget[]>();
  readonly #generic = new Map<SpendScope, Budget[]>();
  readonly scopes: ReadonlySet<SpendScope>;

  constructor(configs: readonly BudgetConfig[]) {
    for (const config of configs) {
      const budget: Budget = Object.freeze({
        scope: config.scope,
        id: config.id,
        maxUsd: config.maxUsd,
        period: config.period,
        lengthMs: config.period === undefined ? undefined : periodMs(config.period),
        warnAt: config.warnAt,
        spendName: `spend@${config.period ?? ''}`,
        reservedName: `reserved@${config.period ?? ''}`,
      });
      if (config.id === undefined) push(this.#generic, config.scope, budget);
      else push(this.#named, `${config.scope}:${config.id}`, budget);
    }
    this.scopes = new Set(configs.map((c) => c.scope));
  }

  /** The budgets on one scope value (`global` has none). */
  for(scope: SpendScope, id: string | undefined): readonly Budget[] {
    if (!this.scopes.has(scope)) return NONE;
    return (id === undefined ? undefined : this.#named.get(`${scope}:${id}`)) ?? this.#generic.get(scope) ?? NONE;
  }
}

function push<K>(map: Map<K, Budget[]>, key: K, budget: Budget): void {
  const list = map.get(key);
  if (list) list.push(budget);
  else map.set(key, [budget]);
}
