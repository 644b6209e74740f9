import type { Budget } from './budget-index.js';
import type { CallerLimit } from './caller-limits.js';

/** Who spends: the caller's identity, as the per-request options name it. */
export const CALLER_SCOPES = ['global', 'user', 'team', 'apiKeyId', 'tag'] as const;
/** What is spent on: budgets on these take deployments out of the candidates instead of refusing the call. */
export const TARGET_SCOPES = ['provider', 'deployment', 'model'] as const;
export const SPEND_SCOPES = [...CALLER_SCOPES, ...TARGET_SCOPES] as const;

export type CallerScope = (typeof CALLER_SCOPES)[number];
export type TargetScope = (typeof TARGET_SCOPES)[number];
export type SpendScope = (typeof SPEND_SCOPES)[number];

/** One scope value a call spends under: `{ scope: 'user', id: 'alice' }`; `global` has no id. */
export interface ScopeValue {
  readonly scope: SpendScope;
  readonly id: string | undefined;
  /** `user:alice`. */
  readonly key: string;
  /** The counter of its all-time spend, added to on every priced call. */
  readonly spendKey: string;
  /** The router's budgets on it. */
  readonly budgets: readonly Budget[];
  /** The router's caller limits on it. */
  readonly limits: readonly CallerLimit[];
  /** Its other counters' keys by counter name, made on first use. */
  readonly counterKeys: Map<string, string>;
}

/** Which of the router's budgets and limits apply to a scope value. */
export interface ScopeRules {
  budgetsFor(scope: SpendScope, id: string | undefined): readonly Budget[];
  limitsFor(scope: SpendScope, id: string | undefined): readonly CallerLimit[];
}

export function scopeValue(scope: SpendScope, id: string | undefined, rules: ScopeRules): ScopeValue {
  const key = `${scope}:${id ?? ''}`;
  return { scope, id, key, spendKey: `spend:${key}`, budgets: rules.budgetsFor(scope, id), limits: rules.limitsFor(scope, id), counterKeys: new Map() };
}

/** The key of one of the value's counters, named by a budget or a limit (`spend@1d`, `rpm#0`): `spend@1d:user:alice`. */
export function counterKey(value: ScopeValue, name: string): string {
  let key = value.counterKeys.get(name);
  if (key === undefined) {
    key = `${name}:${value.key}`;
    value.counterKeys.set(name, key);
  }
  return key;
}

/**
 * Scope values of one scope by id, reused across calls so their rules and counter keys
 * are found once (until the rules change). Bounded: past `max` ids it starts over.
 */
export class ScopeValues {
  readonly #byId = new Map<string, ScopeValue>();

  constructor(
    private readonly scope: SpendScope,
    private readonly rules: ScopeRules,
    private readonly max = 100_000,
  ) {}

  get(id: string): ScopeValue {
    let value = this.#byId.get(id);
    if (!value) {
      if (this.#byId.size >= this.max) this.#byId.clear();
      value = scopeValue(this.scope, id, this.rules);
      this.#byId.set(id, value);
    }
    return value;
  }

  /** The rules on one id changed: its value is found again on its next use (calls holding it keep theirs). */
  forget(id: string): void {
    this.#byId.delete(id);
  }

  /** The rules on the whole scope changed: every value is found again on its next use. */
  clear(): void {
    this.#byId.clear();
  }
}
