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
}

export function scopeValue(scope: SpendScope, id: string | undefined): ScopeValue {
  return { scope, id, key: `${scope}:${id ?? ''}` };
}

export const GLOBAL_SCOPE = scopeValue('global', undefined);
