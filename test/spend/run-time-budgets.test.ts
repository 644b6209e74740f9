import { BudgetExceededError, type DeploymentConfig } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { FakeClock } from '../support/fake-clock.js';
import { json, openAICompletion, type MockReply } from '../support/mock-replies.js';
import { testRouter } from '../support/routers.js';
import { billingServer, EASY_PRICES } from '../support/spend-fixtures.js';
import { until } from '../support/until.js';

/** Every call answers 100 output tokens: $0.10 at the easy prices. */
const TENTH = { prompt_tokens: 10, completion_tokens: 100 };
const ask = { model: 'chat', messages: hi, max_tokens: 100 };

async function pricedDeployment(id: string, extra: Partial<DeploymentConfig> = {}): Promise<{ config: DeploymentConfig; calls: () => number }> {
  const server = await billingServer(TENTH);
  return { config: openAIDeployment(server, 'chat', { id, pricing: EASY_PRICES, ...extra }), calls: () => server.calls.length };
}

describe('budgets set at run time', () => {
  it('a budget set on a router without any refuses once spent; raising its cap admits again; removing it lifts it', async () => {
    const a = await pricedDeployment('a');
    const router = testRouter({ deployments: [a.config] });
    await router.completion(ask, { user: 'alice' });

    router.setBudget({ scope: 'user', id: 'alice', maxUsd: 0.2 });
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ limitUsd: 0.2, remainingUsd: expect.closeTo(0.1, 9) as number });
    await router.completion(ask, { user: 'alice' });
    const error = await rejectionOf(router.completion(ask, { user: 'alice' }));
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ scope: 'user', scopeId: 'alice', limitUsd: 0.2 });
    expect(a.calls()).toBe(2);
    await router.completion(ask, { user: 'bob' });

    router.setBudget({ scope: 'user', id: 'alice', maxUsd: 0.3 });
    await router.completion(ask, { user: 'alice' });
    await expect(router.completion(ask, { user: 'alice' })).rejects.toMatchObject({ limitUsd: 0.3 });

    expect(router.removeBudget({ scope: 'user', id: 'alice' })).toBe(true);
    expect(router.removeBudget({ scope: 'user', id: 'alice' })).toBe(false);
    await router.completion(ask, { user: 'alice' });
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ limitUsd: undefined, spentUsd: expect.closeTo(0.4, 9) as number });
    expect(a.calls()).toBe(5);
  });

  it('a scope-wide budget gives each value its own; a named one beats it for its id until removed', async () => {
    const a = await pricedDeployment('a');
    const router = testRouter({ deployments: [a.config] });
    router.setBudget({ scope: 'user', maxUsd: 0.1 });
    router.setBudget({ scope: 'user', id: 'vip', maxUsd: 0.3 });
    for (let i = 0; i < 3; i++) await router.completion(ask, { user: 'vip' });
    await expect(router.completion(ask, { user: 'vip' })).rejects.toMatchObject({ scopeId: 'vip', limitUsd: 0.3 });
    await router.completion(ask, { user: 'someone' });
    await expect(router.completion(ask, { user: 'someone' })).rejects.toMatchObject({ scopeId: 'someone', limitUsd: 0.1 });
    expect(router.spend({ scope: 'user', id: 'other' })).toMatchObject({ limitUsd: 0.1, spentUsd: 0 });

    router.setBudget({ scope: 'user', maxUsd: 1 });
    await router.completion(ask, { user: 'someone' });
    await expect(router.completion(ask, { user: 'vip' })).rejects.toMatchObject({ limitUsd: 0.3 });

    expect(router.removeBudget({ scope: 'user', id: 'vip' })).toBe(true);
    await router.completion(ask, { user: 'vip' });
    expect(router.removeBudget({ scope: 'user' })).toBe(true);
    expect(router.spend({ scope: 'user', id: 'someone' }).limitUsd).toBeUndefined();
  });

  it('replaces every budget of the options on the same scope and id, and keeps the spend of a period it shares', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:00:00Z'));
    const a = await pricedDeployment('a');
    const router = testRouter({
      deployments: [a.config],
      budgets: [
        { scope: 'team', id: 'red', maxUsd: 0.1, period: '1d' },
        { scope: 'team', id: 'red', maxUsd: 0.1, period: '7d' },
        { scope: 'team', maxUsd: 0.1 },
      ],
      clock,
    });
    await router.completion(ask, { team: 'red' });
    await expect(router.completion(ask, { team: 'red' })).rejects.toBeInstanceOf(BudgetExceededError);

    router.setBudget({ scope: 'team', id: 'red', maxUsd: 0.2, period: '1d' });
    expect(router.spend({ scope: 'team', id: 'red' })).toMatchObject({
      limitUsd: 0.2,
      spentUsd: expect.closeTo(0.1, 9) as number,
      periodStart: new Date('2026-11-21T00:00:00Z'),
    });
    await router.completion(ask, { team: 'red' });
    await expect(router.completion(ask, { team: 'red' })).rejects.toMatchObject({ limitUsd: 0.2 });
    expect(() => router.spend({ scope: 'team', id: 'red', period: '7d' })).toThrow(/no '7d' budget/);
    await router.completion(ask, { team: 'blue' });
    await expect(router.completion(ask, { team: 'blue' })).rejects.toMatchObject({ scopeId: 'blue', limitUsd: 0.1 });
  });

  it('a global budget and a deployment budget set at run time apply from the next call', async () => {
    const a = await pricedDeployment('a', { priority: 0 });
    const b = await pricedDeployment('b', { priority: 1 });
    const router = testRouter({ deployments: [a.config, b.config] });
    router.setBudget({ scope: 'deployment', id: 'a', maxUsd: 0.1 });
    for (let i = 0; i < 3; i++) await router.completion(ask);
    expect([a.calls(), b.calls()]).toEqual([1, 2]);

    router.setBudget({ scope: 'global', maxUsd: 0.3 });
    await expect(router.completion(ask)).rejects.toMatchObject({ scope: 'global', limitUsd: 0.3 });
    expect(router.removeBudget({ scope: 'global' })).toBe(true);
    expect(router.removeBudget({ scope: 'deployment', id: 'a' })).toBe(true);
    await router.completion(ask);
    expect([a.calls(), b.calls()]).toEqual([2, 2]);
  });

  it('a call in flight when its budget is removed settles normally: its hold is given back and its cost counted', async () => {
    const server = await billingServer(TENTH);
    let answer: (reply: MockReply) => void = () => {};
    server.reply({ kind: 'held', reply: new Promise<MockReply>((resolve) => (answer = resolve)) });
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat', { pricing: EASY_PRICES })] });
    router.setBudget({ scope: 'user', id: 'alice', maxUsd: 1 });
    const inFlight = router.completion(ask, { user: 'alice' });
    await until(() => server.calls.length === 1);
    expect(router.spend({ scope: 'user', id: 'alice' }).reservedUsd).toBeGreaterThan(0);

    router.removeBudget({ scope: 'user', id: 'alice' });
    answer(json(openAICompletion('ok', TENTH)));
    await inFlight;
    router.setBudget({ scope: 'user', id: 'alice', maxUsd: 1 });
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ reservedUsd: 0, spentUsd: expect.closeTo(0.1, 9) as number });
  });
});
