import { ConfigError, type BudgetConfig, type LimitConfig, type Router } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { mockDeployment } from '../support/deployments.js';
import { configErrorOf, rejectionOf, routerConfigError } from '../support/errors.js';
import { testRouter } from '../support/routers.js';

const newRouter = () => testRouter({ deployments: [mockDeployment('a')] });

/** The issues of a ConfigError with `budgets[0].` (or `limits[0].`) read as `budget.` (or `limit.`), to compare with the options' messages. */
const asRunTime = (error: ConfigError, option: string, parameter: string) =>
  error.issues.map((issue) => ({ ...issue, path: issue.path.replace(`${option}[0]`, parameter) }));

describe('budgets and limits set at run time: invalid input', () => {
  it.each<[string, unknown]>([
    ['a negative cap', { scope: 'user', maxUsd: -1 }],
    ['an unknown scope', { scope: 'users', maxUsd: 1 }],
    ['a bad period', { scope: 'user', maxUsd: 1, period: '1 day' }],
    ['warnAt past 1', { scope: 'user', maxUsd: 1, warnAt: 2 }],
    ['an id on global', { scope: 'global', id: 'x', maxUsd: 1 }],
    ['an empty id', { scope: 'user', id: '', maxUsd: 1 }],
    ['a misspelt field', { scope: 'user', maxUSD: 1 }],
    ['no budget', undefined],
  ])('setBudget with %s throws the ConfigError the budgets option throws', (_, budget) => {
    const router = newRouter();
    const error = configErrorOf(() => router.setBudget(budget as BudgetConfig));
    const fromOptions = routerConfigError({ deployments: [mockDeployment('a')], budgets: [budget] });
    expect(error.issues).toEqual(asRunTime(fromOptions, 'budgets', 'budget'));
    expect(error.issues.every((issue) => issue.path.startsWith('budget'))).toBe(true);
  });

  it('names the field in the message', () => {
    const error = configErrorOf(() => newRouter().setBudget({ scope: 'user', maxUsd: -1 }));
    expect(error.message).toBe('Invalid router config: budget.maxUsd: expected an amount in USD of 0 or more, got -1');
    expect(configErrorOf(() => newRouter().setLimit({ scope: 'user', rpm: 0 })).message).toBe(
      'Invalid router config: limit.rpm: expected a positive integer, got 0',
    );
  });

  it.each<[string, unknown]>([
    ['no count', { scope: 'user' }],
    ['a target scope', { scope: 'deployment', rpm: 1 }],
    ['a fractional rpm', { scope: 'user', rpm: 1.5 }],
    ['an id on global', { scope: 'global', id: 'x', tpm: 10 }],
  ])('setLimit with %s throws the ConfigError the limits option throws', (_, limit) => {
    const router = newRouter();
    const error = configErrorOf(() => router.setLimit(limit as LimitConfig));
    const fromOptions = routerConfigError({ deployments: [mockDeployment('a')], limits: [limit] });
    expect(error.issues).toEqual(asRunTime(fromOptions, 'limits', 'limit'));
  });

  it('an invalid budget or limit changes nothing', async () => {
    const router = newRouter();
    router.setLimit({ scope: 'user', id: 'alice', rpm: 5 });
    configErrorOf(() => router.setLimit({ scope: 'user', id: 'alice', rpm: -5 }));
    configErrorOf(() => router.setBudget({ scope: 'global', maxUsd: Number.NaN }));
    expect(router.spend().limitUsd).toBeUndefined();
    expect(router.removeLimit({ scope: 'user', id: 'alice' })).toBe(true);
  });

  it.each<[string, (router: Router) => unknown, string]>([
    ['removeBudget without a scope', (r) => r.removeBudget({ id: 'x' } as never), 'budget.scope'],
    ['removeBudget with an id on global', (r) => r.removeBudget({ scope: 'global', id: 'x' }), 'budget.id'],
    ['removeBudget with a misspelt field', (r) => r.removeBudget({ scope: 'user', userId: 'x' } as never), 'budget.userId'],
    ['removeLimit on a target scope', (r) => r.removeLimit({ scope: 'model' } as never), 'limit.scope'],
    ['removeLimit with an empty id', (r) => r.removeLimit({ scope: 'user', id: '' }), 'limit.id'],
    ['removeLimit with nothing', (r) => r.removeLimit(undefined as never), 'limit'],
  ])('%s throws a ConfigError naming %s', (_, remove, path) => {
    const error = configErrorOf(() => remove(newRouter()));
    expect(error.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it.each<[string, unknown, unknown, string]>([
    ['a scope value without an id', { scope: 'user' }, () => 0, 'target.id'],
    ['an unknown scope', { scope: 'key', id: 'k' }, () => 0, 'target.scope'],
    ['no target', undefined, () => 0, 'target'],
    ['a spentSince that is no function', { scope: 'user', id: 'alice' }, 5, 'spentSince'],
  ])('restoreSpend with %s rejects with a ConfigError naming %s', async (_, target, spentSince, path) => {
    const router = newRouter();
    const error = await rejectionOf(router.restoreSpend(target as never, spentSince as never));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('restoreSpend explains what a scope value without an id needs', async () => {
    const error = (await rejectionOf(newRouter().restoreSpend({ scope: 'team' }, () => 0))) as ConfigError;
    expect(error.message).toBe("Invalid router config: target.id: is required: scope 'team' needs an id, such as { scope: 'team', id: 'alice' }");
  });
});
