import * as z from 'zod';
import { nonEmptyString, positiveInteger } from '../config/schema-helpers.js';
import { PERIOD_PATTERN } from './period.js';
import { CALLER_SCOPES, SPEND_SCOPES, type CallerScope, type SpendScope } from './spend-scope.js';

/** A spending cap: `{ scope: 'user', id: 'alice', maxUsd: 5, period: '1d' }`; without `id`, each user (team, tag…) gets its own. */
export interface BudgetConfig {
  scope: SpendScope;
  /** One user, team, key, tag, provider, deployment id or model; absent: every one of them, each on its own. */
  id?: string;
  maxUsd: number;
  /** `1h`, `1d`, `7d`, `30d` (m, h, d, w units): fixed UTC windows. Absent: the budget never resets. */
  period?: string;
  /** Fraction of `maxUsd` at which `budget-warning` is emitted, once per period. */
  warnAt?: number;
}

/** A caller's rate: `{ scope: 'user', rpm: 60 }` gives each user 60 requests a minute. */
export interface LimitConfig {
  scope: CallerScope;
  /** One user, team, key or tag; absent: every one of them, each on its own. */
  id?: string;
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute (prompt and answer). */
  tpm?: number;
}

const scopeList = (scopes: readonly string[]) => scopes.map((s) => `'${s}'`).join(', ');

const idRule = <T extends { scope: string; id?: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.scope === 'global' && value.id !== undefined)
    ctx.addIssue({ code: 'custom', path: ['id'], message: "a 'global' budget or limit has no id; remove it" });
};

export const budgetSchema = z.lazy(() =>
  z
    .strictObject(
      {
        scope: z.enum(SPEND_SCOPES, { error: `expected one of ${scopeList(SPEND_SCOPES)}` }),
        id: nonEmptyString().optional(),
        maxUsd: z.number({ error: 'expected an amount in USD of 0 or more' }).nonnegative({ error: 'expected an amount in USD of 0 or more' }),
        period: z
          .string({ error: "expected a period such as '1h', '1d', '7d' or '30d'" })
          .regex(PERIOD_PATTERN, { error: "expected a period such as '1h', '1d', '7d' or '30d'" })
          .optional(),
        warnAt: z
          .number({ error: 'expected a fraction between 0 and 1, such as 0.8' })
          .gt(0, { error: 'expected a fraction between 0 and 1, such as 0.8' })
          .lt(1, { error: 'expected a fraction between 0 and 1, such as 0.8' })
          .optional(),
      },
      { error: "expected a budget such as { scope: 'user', maxUsd: 5, period: '1d' }" },
    )
    .superRefine(idRule),
);

export const limitSchema = z.lazy(() =>
  z
    .strictObject(
      {
        scope: z.enum(CALLER_SCOPES, { error: `expected one of ${scopeList(CALLER_SCOPES)} (deployments take rpm and tpm of their own)` }),
        id: nonEmptyString().optional(),
        rpm: positiveInteger().optional(),
        tpm: positiveInteger().optional(),
      },
      { error: "expected a limit such as { scope: 'user', rpm: 60 }" },
    )
    .superRefine((value, ctx) => {
      idRule(value, ctx);
      if (value.rpm === undefined && value.tpm === undefined) ctx.addIssue({ code: 'custom', message: 'expected rpm, tpm or both' });
    }),
);

/** The budgets on one scope and id, as `router.removeBudget` names them: `{ scope: 'user', id: 'alice' }`; without `id`, the scope-wide ones. */
export interface BudgetSelector {
  scope: SpendScope;
  id?: string;
}

/** The limits on one scope and id, as `router.removeLimit` names them; without `id`, the scope-wide ones. */
export interface LimitSelector {
  scope: CallerScope;
  id?: string;
}

/** One scope value whose spend `router.restoreSpend` restores: `{ scope: 'user', id: 'alice' }`; only `global` goes without an id. */
export interface SpendSelector {
  scope: SpendScope;
  id?: string;
}

const selectorSchema = (scopes: readonly [string, ...string[]], scopeError: string) =>
  z
    .strictObject(
      { scope: z.enum(scopes, { error: scopeError }), id: nonEmptyString().optional() },
      { error: "expected a scope and id such as { scope: 'user', id: 'alice' }" },
    )
    .superRefine(idRule);

export const budgetSelectorSchema = z.lazy(() => selectorSchema(SPEND_SCOPES, `expected one of ${scopeList(SPEND_SCOPES)}`));

export const limitSelectorSchema = z.lazy(() => selectorSchema(CALLER_SCOPES, `expected one of ${scopeList(CALLER_SCOPES)}`));

export const spendSelectorSchema = z.lazy(() =>
  selectorSchema(SPEND_SCOPES, `expected one of ${scopeList(SPEND_SCOPES)}`).superRefine((value, ctx) => {
    if (value.scope !== 'global' && value.id === undefined)
      ctx.addIssue({ code: 'custom', path: ['id'], message: `scope '${value.scope}' needs an id, such as { scope: '${value.scope}', id: 'alice' }` });
  }),
);
