import { describe, expect, it } from 'vitest';
import { RecordRules, type RuleFields } from '../../../src/server/rules/record-rules.js';
import { REFUSED_URL } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';

const NONE: RuleFields = { max_budget: null, budget_duration: null, rpm_limit: null, tpm_limit: null };

function rulesOnRouter(spent: (scope: string, id: string, since: Date) => number = () => 0) {
  const router = testRouter({ deployments: [{ model: 'm', provider: 'openai', apiKey: 'sk-upstream', baseUrl: REFUSED_URL }] });
  const asked: string[] = [];
  const rules = new RecordRules(router, async (scope, id, since) => {
    asked.push(`${scope}:${id}@${since.toISOString()}`);
    return spent(scope, id, since);
  });
  return { router, rules, asked };
}

describe('the router rules of key, user and team records', () => {
  it('sets a budget from max_budget and budget_duration, and says when it changed', () => {
    const { router, rules } = rulesOnRouter();

    expect(rules.apply('apiKeyId', 'tok', { ...NONE, max_budget: 5, budget_duration: '1mo' })).toBe(true);
    expect(router.spend({ scope: 'apiKeyId', id: 'tok' })).toMatchObject({ limitUsd: 5 });
    expect(rules.apply('apiKeyId', 'tok', { ...NONE, max_budget: 5, budget_duration: '1mo', rpm_limit: 3 })).toBe(false);
    expect(rules.apply('apiKeyId', 'tok', { ...NONE, max_budget: 7, budget_duration: '1mo', rpm_limit: 3 })).toBe(true);
    expect(router.spend({ scope: 'apiKeyId', id: 'tok' })).toMatchObject({ limitUsd: 7 });
  });

  it('removes the budget when the record loses it or is gone', () => {
    const { router, rules } = rulesOnRouter();
    rules.apply('user', 'ann', { ...NONE, max_budget: 5 });
    rules.apply('team', 'red', { ...NONE, max_budget: 9 });

    expect(rules.apply('user', 'ann', NONE)).toBe(false);
    expect(rules.apply('team', 'red', undefined)).toBe(false);
    expect(router.spend({ scope: 'user', id: 'ann' }).limitUsd).toBeUndefined();
    expect(router.spend({ scope: 'team', id: 'red' }).limitUsd).toBeUndefined();
  });

  it('refuses a budget_duration the router cannot keep, naming the record', () => {
    const { rules } = rulesOnRouter();
    expect(() => rules.apply('user', 'ann', { ...NONE, max_budget: 5, budget_duration: '30s' })).toThrow(/user ann: budget_duration "30s" is not a period/);
  });

  it("restores a budget's spend from the database, for its period and for all time", async () => {
    const { router, rules, asked } = rulesOnRouter((_scope, _id, since) => (since.getTime() === 0 ? 10 : 4));
    rules.apply('team', 'red', { ...NONE, max_budget: 5, budget_duration: '1d' });

    await rules.restore('team', 'red');

    expect(router.spend({ scope: 'team', id: 'red' })).toMatchObject({ spentUsd: 4, limitUsd: 5 });
    expect(asked).toContain('team:red@1970-01-01T00:00:00.000Z');
  });

  it('leaves the router as it was once cleared', () => {
    const { router, rules } = rulesOnRouter();
    rules.apply('apiKeyId', 'tok', { ...NONE, max_budget: 5, rpm_limit: 2 });
    rules.clear();
    expect(router.spend({ scope: 'apiKeyId', id: 'tok' }).limitUsd).toBeUndefined();
    expect(router.removeLimit({ scope: 'apiKeyId', id: 'tok' })).toBe(false);
  });
});
