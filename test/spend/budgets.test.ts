import { BadRequestError, BudgetExceededError, type CompletionOptions, type DeploymentConfig } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import { testRouter } from '../support/routers.js';
import { billingServer, EASY_PRICES } from '../support/spend-fixtures.js';
import { until } from '../support/until.js';

/** Every call answers 100 output tokens: $0.10 at the easy prices. */
const TENTH = { prompt_tokens: 10, completion_tokens: 100 };
const ask = { model: 'chat', messages: hi, max_tokens: 100 };

/** A priced deployment on its own server; `calls()` counts what reached the server. */
async function pricedDeployment(id: string, extra: Partial<DeploymentConfig> = {}): Promise<{ config: DeploymentConfig; calls: () => number }> {
  const server = await billingServer(TENTH);
  return { config: openAIDeployment(server, 'chat', { id, pricing: EASY_PRICES, ...extra }), calls: () => server.calls.length };
}

describe('budgets', () => {
  it('refuses a user over budget before any provider call; other users go on', async () => {
    const a = await pricedDeployment('a');
    const router = testRouter({ deployments: [a.config], budgets: [{ scope: 'user', maxUsd: 0.2 }] });
    const events = record(router, 'failure', 'budget-exceeded');
    await router.completion(ask, { user: 'alice' });
    await router.completion(ask, { user: 'alice' });
    const error = await rejectionOf(router.completion(ask, { user: 'alice' }));
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ scope: 'user', scopeId: 'alice', limitUsd: 0.2, resetsAt: undefined });
    expect((error as BudgetExceededError).spentUsd).toBeCloseTo(0.2, 9);
    expect(a.calls()).toBe(2);
    expect(events.failure[0]?.error).toBe(error);
    expect(events['budget-exceeded']).toMatchObject([{ scope: 'user', id: 'alice', limitUsd: 0.2 }]);
    await router.completion(ask, { user: 'bob' });
    expect(a.calls()).toBe(3);
  });

  it.each<[string, CompletionOptions, string | undefined]>([
    ['global', {}, undefined],
    ['team', { team: 'red' }, 'red'],
    ['apiKeyId', { apiKeyId: 'key-1' }, 'key-1'],
    ['tag', { tags: ['batch'] }, 'batch'],
  ])('a %s budget refuses calls once spent', async (scope, options, id) => {
    const a = await pricedDeployment('a', { tags: ['batch'] });
    const router = testRouter({ deployments: [a.config], budgets: [{ scope: scope as 'global', id: id as undefined, maxUsd: 0.1 }] });
    await router.completion(ask, options);
    await expect(router.completion(ask, options)).rejects.toMatchObject({ scope, scopeId: id });
    expect(a.calls()).toBe(1);
  });

  it('a named budget beats the scope-wide one for that id', async () => {
    const a = await pricedDeployment('a');
    const router = testRouter({
      deployments: [a.config],
      budgets: [
        { scope: 'user', maxUsd: 0.1 },
        { scope: 'user', id: 'vip', maxUsd: 0.3 },
      ],
    });
    for (let i = 0; i < 3; i++) await router.completion(ask, { user: 'vip' });
    await expect(router.completion(ask, { user: 'vip' })).rejects.toBeInstanceOf(BudgetExceededError);
    await router.completion(ask, { user: 'someone' });
    await expect(router.completion(ask, { user: 'someone' })).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it('a daily budget resets at midnight UTC', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T22:30:00Z'));
    const a = await pricedDeployment('a');
    const router = testRouter({ deployments: [a.config], budgets: [{ scope: 'user', maxUsd: 0.1, period: '1d' }], clock });
    await router.completion(ask, { user: 'alice' });
    const error = (await rejectionOf(router.completion(ask, { user: 'alice' }))) as BudgetExceededError;
    expect(error.resetsAt?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({
      limitUsd: 0.1,
      remainingUsd: 0,
      periodStart: new Date('2026-11-21T00:00:00Z'),
      resetsAt: new Date('2026-11-22T00:00:00Z'),
    });
    await clock.advance(90 * 60_000);
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ spentUsd: 0, remainingUsd: 0.1, periodStart: new Date('2026-11-22T00:00:00Z') });
    await router.completion(ask, { user: 'alice' });
    expect(a.calls()).toBe(2);
  });

  it('an hourly budget resets on the hour and a 7d one on Monday', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:59:00Z'));
    const a = await pricedDeployment('a');
    const router = testRouter({
      deployments: [a.config],
      budgets: [
        { scope: 'team', maxUsd: 0.1, period: '1h' },
        { scope: 'user', maxUsd: 1, period: '7d' },
      ],
      clock,
    });
    await router.completion(ask, { team: 'red', user: 'alice' });
    await expect(router.completion(ask, { team: 'red' })).rejects.toMatchObject({ scope: 'team', resetsAt: new Date('2026-11-21T11:00:00Z') });
    await clock.advance(60_000);
    await router.completion(ask, { team: 'red' });
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({
      periodStart: new Date('2026-11-16T00:00:00Z'),
      resetsAt: new Date('2026-11-23T00:00:00Z'),
    });
  });

  it('warns once per period at warnAt and tells of the crossing once', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:00:00Z'));
    const a = await pricedDeployment('a');
    const router = testRouter({ deployments: [a.config], budgets: [{ scope: 'global', maxUsd: 0.3, period: '1h', warnAt: 0.5 }], clock });
    const events = record(router, 'budget-warning', 'budget-exceeded');
    for (let i = 0; i < 3; i++) await router.completion(ask);
    await expect(router.completion(ask)).rejects.toBeInstanceOf(BudgetExceededError);
    expect(events['budget-warning']).toHaveLength(1);
    expect(events['budget-warning'][0]).toMatchObject({ scope: 'global', warnAt: 0.5, limitUsd: 0.3 });
    expect(events['budget-warning'][0]?.spentUsd).toBeCloseTo(0.2, 9);
    expect(events['budget-exceeded']).toHaveLength(1);
    await clock.advance(3_600_000);
    for (let i = 0; i < 3; i++) await router.completion(ask);
    expect(events['budget-warning']).toHaveLength(2);
    expect(events['budget-exceeded']).toHaveLength(2);
  });

  it('a spent provider or deployment budget moves traffic to other deployments', async () => {
    const a = await pricedDeployment('a', { priority: 0 });
    const b = await pricedDeployment('b', { priority: 1, provider: 'groq' });
    const c = await pricedDeployment('c', { priority: 2 });
    const router = testRouter({
      deployments: [a.config, b.config, c.config],
      budgets: [
        { scope: 'provider', id: 'openai', maxUsd: 0.1 },
        { scope: 'deployment', id: 'b', maxUsd: 0.2 },
      ],
    });
    for (let i = 0; i < 3; i++) await router.completion(ask);
    expect([a.calls(), b.calls(), c.calls()]).toEqual([1, 2, 0]);
    await expect(router.completion(ask)).rejects.toMatchObject({ name: 'BudgetExceededError', scope: 'provider', scopeId: 'openai' });
    expect(c.calls()).toBe(0);
  });

  it('a spent model budget sends calls to its fallbacks', async () => {
    const a = await pricedDeployment('a');
    const backup = await pricedDeployment('backup', { model: 'backup' });
    const router = testRouter({
      deployments: [a.config, backup.config],
      budgets: [{ scope: 'model', id: 'chat', maxUsd: 0.1 }],
      fallbacks: { chat: ['backup'] },
    });
    const events = record(router, 'success');
    await router.completion(ask);
    await router.completion(ask);
    expect([a.calls(), backup.calls()]).toEqual([1, 1]);
    expect(events.success.map((e) => e.deploymentId)).toEqual(['a', 'backup']);
  });

  it('is hard: $0.75 calls against $5 a day end at $4.50, the 7th refused before any provider call, with the estimate and what is left', async () => {
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 750 });
    const router = testRouter({
      deployments: [openAIDeployment(server, 'chat', { pricing: EASY_PRICES })],
      budgets: [{ scope: 'user', maxUsd: 5, period: '1d' }],
    });
    const events = record(router, 'budget-exceeded');
    const unbounded = { model: 'chat', messages: hi };
    for (let i = 0; i < 6; i++) await router.completion(unbounded, { user: 'alice' });

    const error = await rejectionOf(router.completion(unbounded, { user: 'alice' }));

    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as Error).message).toMatch(
      /^The budget of user 'alice' has \$0\.500000 left, less than this call's estimated \$0\.750000: \$4\.500000 spent/,
    );
    expect(server.calls).toHaveLength(6);
    expect(router.spend({ scope: 'user', id: 'alice' }).spentUsd).toBeCloseTo(4.5, 9);
    expect(events['budget-exceeded']).toMatchObject([{ scope: 'user', id: 'alice', limitUsd: 5 }]);
  });

  it("reserves the deployment's mean answer under the default strategy when the request sets no max_tokens", async () => {
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 750 });
    let release: (() => void) | undefined;
    server.reply(json(openAICompletion('ok', { prompt_tokens: 10, completion_tokens: 750 })), () => ({
      kind: 'held',
      reply: new Promise((resolve) => (release = () => resolve(json(openAICompletion('ok', { prompt_tokens: 10, completion_tokens: 250 }))))),
    }));
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat', { pricing: EASY_PRICES })], budgets: [{ scope: 'user', maxUsd: 5 }] });
    await router.completion({ model: 'chat', messages: hi }, { user: 'alice' });

    const second = router.completion({ model: 'chat', messages: hi }, { user: 'alice' });
    await until(() => release !== undefined);
    expect(router.spend({ scope: 'user', id: 'alice' }).reservedUsd).toBeCloseTo(0.75, 9);
    release!();
    await second;
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ reservedUsd: 0, spentUsd: expect.closeTo(1, 9) });
  });

  it('sends an attempt whose estimate does not fit on one deployment to one where it does', async () => {
    const pricey = await pricedDeployment('pricey', { priority: 0, pricing: { inputPerMTok: 0, outputPerMTok: 7_500 } });
    const cheap = await pricedDeployment('cheap', { priority: 1 });
    const router = testRouter({ deployments: [pricey.config, cheap.config], budgets: [{ scope: 'user', maxUsd: 1 }] });
    const events = record(router, 'success');
    // $0.75 on pricey, then $0.10 twice on cheap, where pricey's $0.75 no longer fits; then nothing fits.
    for (let i = 0; i < 3; i++) await router.completion(ask, { user: 'alice' });
    await expect(router.completion(ask, { user: 'alice' })).rejects.toBeInstanceOf(BudgetExceededError);
    expect(events.success.map((e) => e.deploymentId)).toEqual(['pricey', 'cheap', 'cheap']);
    expect(router.spend({ scope: 'user', id: 'alice' }).spentUsd).toBeCloseTo(0.95, 9);
  });

  it('a burst of 50 against a budget that fits 10 makes 10 provider calls', async () => {
    const a = await pricedDeployment('a');
    const router = testRouter({ deployments: [a.config], budgets: [{ scope: 'global', maxUsd: 1 }] });
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => router.completion(ask)));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.every((o) => o.reason instanceof BudgetExceededError)).toBe(true);
    expect(a.calls()).toBe(10);
    expect(router.spend().spentUsd).toBeCloseTo(1, 9);
  });

  it('when answers run longer than estimated, the overshoot stays within the calls in flight', async () => {
    const a = await pricedDeployment('a');
    const router = testRouter({ deployments: [a.config], budgets: [{ scope: 'global', maxUsd: 1 }] });
    // Each call is estimated at 50 output tokens ($0.05) but bills 100 ($0.10): 20 fit the estimates, all in flight at once.
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => router.completion({ ...ask, max_tokens: 50 })));
    const served = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(served).toBe(20);
    expect(router.spend().spentUsd).toBeCloseTo(served * 0.1, 9);
    expect(router.spend().spentUsd - 1).toBeLessThanOrEqual(served * 0.1);
    await expect(router.completion(ask)).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it('spend reports all-time spend without a budget, and resetSpend forgets it', async () => {
    const a = await pricedDeployment('a', { tags: ['x', 'y'] });
    const router = testRouter({ deployments: [a.config], budgets: [{ scope: 'user', id: 'alice', maxUsd: 0.1 }] });
    await router.completion(ask, { user: 'bob', tags: ['x', 'y'] });
    await router.completion(ask, { user: 'alice' });
    expect(router.spend({ scope: 'user', id: 'bob' })).toMatchObject({
      limitUsd: undefined,
      remainingUsd: undefined,
      periodStart: undefined,
      resetsAt: undefined,
    });
    expect(router.spend({ scope: 'user', id: 'bob' }).spentUsd).toBeCloseTo(0.1, 9);
    expect(router.spend({ scope: 'tag', id: 'y' }).spentUsd).toBeCloseTo(0.1, 9);
    expect(router.spend({ scope: 'model', id: 'chat' }).spentUsd).toBeCloseTo(0.2, 9);
    expect(router.spend({ scope: 'deployment', id: 'a' }).spentUsd).toBeCloseTo(0.2, 9);
    expect(router.spend({ scope: 'provider', id: 'openai' }).spentUsd).toBeCloseTo(0.2, 9);
    expect(router.spend().spentUsd).toBeCloseTo(0.2, 9);
    await expect(router.completion(ask, { user: 'alice' })).rejects.toBeInstanceOf(BudgetExceededError);
    router.resetSpend({ scope: 'user', id: 'alice' });
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ spentUsd: 0, remainingUsd: 0.1 });
    await router.completion(ask, { user: 'alice' });
  });

  it('spend names a bad query', () => {
    const router = testRouter({ deployments: [{ model: 'm', provider: 'mock' }] });
    expect(() => router.spend({ scope: 'users' as 'user', id: 'a' })).toThrow(/unknown scope 'users'/);
    expect(() => router.spend({ scope: 'user' })).toThrow(/needs an id/);
    expect(() => router.spend({ scope: Object.create(null) as 'user', id: 'a' })).toThrow(BadRequestError);
    expect(() => router.spend({ scope: Symbol('user') as unknown as 'user', id: 'a' })).toThrow(/unknown scope a symbol \(user\)/);
  });
});

describe('budget config', () => {
  it('names each bad field and the fix', () => {
    const deployments = [{ model: 'm', provider: 'mock' }];
    const attempt = (budgets: unknown) => () => testRouter({ deployments, budgets: budgets as [] });
    expect(attempt([{ scope: 'user', maxUsd: 5, period: '1 day' }])).toThrow(/budgets\[0\]\.period: expected a period such as '1h', '1d', '7d' or '30d'/);
    expect(attempt([{ scope: 'user', maxUsd: 5, warnAt: 80 }])).toThrow(/budgets\[0\]\.warnAt: expected a fraction between 0 and 1/);
    expect(attempt([{ scope: 'global', id: 'x', maxUsd: 5 }])).toThrow(/budgets\[0\]\.id: a 'global' budget or limit has no id/);
    expect(attempt([{ scope: 'users', maxUsd: 5 }])).toThrow(/budgets\[0\]\.scope: expected one of 'global', 'user'/);
    expect(attempt([{ scope: 'user', maxUsd: -1 }])).toThrow(/budgets\[0\]\.maxUsd/);
  });
});
