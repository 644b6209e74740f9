import type { Router } from '../../router.js';
import type { SpendScope as RecordScope } from '../db/records.js';
import { budgetPeriod, BUDGET_DURATION_FORMS } from './durations.js';

/** The router scope a key, a user and a team spend under (a key by its token). */
export type RuleScope = 'apiKeyId' | 'user' | 'team';

/** The spend-log scope of each router scope. */
export const RECORD_SCOPE: Readonly<Record<RuleScope, RecordScope['scope']>> = { apiKeyId: 'key', user: 'user', team: 'team' };

/** What a key, user or team record says about its budget and rates. */
export interface RuleFields {
  max_budget: number | null;
  budget_duration: string | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
}

type RulesRouter = Pick<Router, 'setBudget' | 'removeBudget' | 'setLimit' | 'removeLimit' | 'restoreSpend'>;

/** USD a record's scope spent since a moment, from the database. */
export type RecordSpentSince = (scope: RuleScope, id: string, since: Date) => Promise<number>;

interface Applied {
  budget: string | undefined;
  limit: string | undefined;
}

function budgetOf(scope: RuleScope, id: string, fields: RuleFields) {
  if (fields.max_budget === null) return undefined;
  if (fields.budget_duration === null) return { scope, id, maxUsd: fields.max_budget };
  const period = budgetPeriod(fields.budget_duration);
  if (period === undefined) {
    throw new RangeError(`${RECORD_SCOPE[scope]} ${id}: budget_duration ${JSON.stringify(fields.budget_duration)} is not ${BUDGET_DURATION_FORMS}`);
  }
  return { scope, id, maxUsd: fields.max_budget, period };
}

function limitOf(scope: RuleScope, id: string, fields: RuleFields) {
  if (fields.rpm_limit === null && fields.tpm_limit === null) return undefined;
  return { scope, id, ...(fields.rpm_limit === null ? {} : { rpm: fields.rpm_limit }), ...(fields.tpm_limit === null ? {} : { tpm: fields.tpm_limit }) };
}

/**
 * Keeps the router's run-time budgets and limits in step with the key, user and team records:
 * `max_budget` + `budget_duration` → `router.setBudget`, `rpm_limit` / `tpm_limit` → `router.setLimit`,
 * removed when a record loses them or is gone. A rule is only touched when it changes.
 */
export class RecordRules {
  readonly #applied = new Map<string, Applied>();

  constructor(
    private readonly router: RulesRouter,
    private readonly spentSince: RecordSpentSince,
  ) {}

  /**
   * Sets, replaces or removes the rules of one record (undefined: the record is gone). Answers whether a
   * budget was set or changed: its spend should then be restored (`restore`). Throws RangeError for a
   * `budget_duration` the router cannot keep (rules stay as they were).
   */
  apply(scope: RuleScope, id: string, fields: RuleFields | undefined): boolean {
    const name = `${scope}:${id}`;
    const before = this.#applied.get(name) ?? { budget: undefined, limit: undefined };
    const budget = fields && budgetOf(scope, id, fields);
    const limit = fields && limitOf(scope, id, fields);
    const after: Applied = { budget: budget && JSON.stringify(budget), limit: limit && JSON.stringify(limit) };
    if (after.limit !== before.limit) {
      if (limit) this.router.setLimit(limit);
      else this.router.removeLimit({ scope, id });
    }
    if (after.budget !== before.budget) {
      if (budget) this.router.setBudget(budget);
      else this.router.removeBudget({ scope, id });
    }
    if (after.budget === undefined && after.limit === undefined) this.#applied.delete(name);
    else this.#applied.set(name, after);
    return budget !== undefined && after.budget !== before.budget;
  }

  /** Raises the router's spend counters of one record's scope to what the database says it spent. */
  restore(scope: RuleScope, id: string): Promise<void> {
    return this.router.restoreSpend({ scope, id }, (since) => this.spentSince(scope, id, since));
  }

  /** Removes every rule this set: the router is its owner's again. */
  clear(): void {
    for (const [name, applied] of this.#applied) {
      const split = name.indexOf(':');
      const selector = { scope: name.slice(0, split) as RuleScope, id: name.slice(split + 1) };
      if (applied.budget !== undefined) this.router.removeBudget(selector);
      if (applied.limit !== undefined) this.router.removeLimit(selector);
    }
    this.#applied.clear();
  }
}
