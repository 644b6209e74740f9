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
  /** `user:alice`: names its counters. */
  readonly key: string;
  /** The counter of its all-time spend, added to on every priced call. */
  readonly spendKey: string;
  /** The counter keys of its spend and reservations per budget period, made on first use. */
  readonly periodKeys: Map<string | undefined, { spend: string; reserved: string }>;
}

export function scopeValue(scope: SpendScope, id: string | undefined): ScopeValue {
  const key = `${scope}:${id ?? ''}`;
  return { scope, id, key, spendKey: `spend:${key}`, periodKeys: new Map() };
}

/**
 * Scope values of one scope by id, reused across calls so their counter keys are made
 * once. Bounded: past `max` ids it starts over.
 */
export class ScopeValues {
  readonly #byId = new Map<string, ScopeValue>();

  constructor(
    private readonly scope: SpendScope,
    private readonly max = 100_000,
  ) {}

  get(id: string): ScopeValue {
    let value = this.#byId.get(id);
    if (!value) {
      if (this.#byId.size >= this.max) this.#byId.clear();
      value = scopeValue(this.scope, id);
      this.#byId.set(id, value);
    }
    return value;
  }
}
