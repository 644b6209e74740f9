import type { z } from 'zod';
import { describeValue } from '../config/describe-value.js';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { ConfigError } from '../errors/router-side-errors.js';
import { isCountable } from '../state/countable.js';
import {
  budgetSchema,
  budgetSelectorSchema,
  limitSchema,
  limitSelectorSchema,
  spendSelectorSchema,
  type BudgetConfig,
  type BudgetSelector,
  type LimitConfig,
  type LimitSelector,
  type SpendSelector,
} from './spend-config.js';

/** `input` as `schema` takes it, or a ConfigError whose fields start with `path` (`budget.maxUsd`), with the options' messages. */
function parsed<T>(schema: z.ZodType, input: unknown, path: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(formatZodIssues(result.error, input, schema).map((i) => ({ ...i, path: i.path ? `${path}.${i.path}` : path })));
  return result.data as T;
}

/** A budget set at run time, checked as a `budgets` entry. */
export const parseBudget = (input: unknown): BudgetConfig => parsed(budgetSchema, input, 'budget');

/** A limit set at run time, checked as a `limits` entry. */
export const parseLimit = (input: unknown): LimitConfig => parsed(limitSchema, input, 'limit');

export const parseBudgetSelector = (input: unknown): BudgetSelector => parsed(budgetSelectorSchema, input, 'budget');

export const parseLimitSelector = (input: unknown): LimitSelector => parsed(limitSelectorSchema, input, 'limit');

/** The scope value of `restoreSpend` (its `target`). */
export const parseSpendSelector = (input: unknown): SpendSelector => parsed(spendSelectorSchema, input, 'target');

export function checkSpentSince(spentSince: unknown): void {
  if (typeof spentSince !== 'function') {
    throw new ConfigError([{ path: 'spentSince', message: `expected a function (since: Date) => USD spent since then, got ${describeValue(spentSince)}` }]);
  }
}

/** What `spentSince` answered for `since`, when it is an amount in USD of 0 or more. */
export function spentAmount(usd: unknown, since: Date): number {
  if (isCountable(usd)) return usd;
  throw new ConfigError([{ path: 'spentSince', message: `expected an amount in USD of 0 or more for ${since.toISOString()}, got ${describeValue(usd)}` }]);
}
