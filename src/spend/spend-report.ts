import type { SpendScope } from './spend-scope.js';

/** What `router.spend` returns for one scope value. */
export interface SpendReport {
  scope: SpendScope;
  id: string | undefined;
  /** Spent in the budget's current period; all-time when the value has no budget or its budget never resets. */
  spentUsd: number;
  /** Estimated cost of the calls in flight, held against the budget. */
  reservedUsd: number;
  limitUsd: number | undefined;
  remainingUsd: number | undefined;
  periodStart: Date | undefined;
  resetsAt: Date | undefined;
}

/** Which spend `router.spend` and `router.resetSpend` mean: `{ scope: 'user', id: 'alice' }`; `period` picks among several budgets. */
export interface SpendQuery {
  scope: SpendScope;
  id?: string;
  period?: string;
}
