import { BudgetExceededError, ConfigError, type RouterOptions } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { FakeClock } from '../support/fake-clock.js';
import { testRouter } from '../support/routers.js';
import { billingServer, EASY_PRICES } from '../support/spend-fixtures.js';

/** Every call answers 100 output tokens: $0.10 at the easy prices. */
const TENTH = { prompt_tokens: 10, completion_tokens: 100 };
const ask = { model: 'chat', messages: hi, max_tokens: 100 };

async function pricedRouter(options: Pick<RouterOptions, 'clock' | 'budgets'> = {}) {
  const server = await billingServer(TENTH);
  const router = testRouter({ deployments: [openAIDeployment(server, 'chat', { pricing: EASY_PRICES })], ...options });
  return { router, calls: () => server.calls.length };
}

/** A record of spend: what each `spentSince` call was asked, and answers from a list of dated amounts. */
function spendLog(entries: readonly { at: string; usd: number }[]) {
  const asked: string[] = [];
  const spentSince = (since: Date) => {
    asked.push(since.toISOString());
    return entries.filter((entry) => Date.parse(entry.at) >= since.getTime()).reduce((sum, entry) => sum + entry.usd, 0);
  };
  return { asked, spentSince };
}

describe('restoreSpend', () => {
  it('raises all-time spend to what the records hold, so a budget holds across a restart', async () => {
    const { router, calls } = await pricedRouter();
    router.setBudget({ scope: 'apiKeyId', id: 'k1', maxUsd: 0.5 });
    const log = spendLog([{ at: '2026-01-01T00:00:00Z', usd: 0.45 }]);
    await router.restoreSpend({ scope: 'apiKeyId', id: 'k1' }, log.spentSince);
    expect(log.asked).toEqual(['1970-01-01T00:00:00.000Z']);
    expect(router.spend({ scope: 'apiKeyId', id: 'k1' })).toMatchObject({ spentUsd: 0.45, remainingUsd: expect.closeTo(0.05, 9) as number });
    await expect(router.completion(ask, { apiKeyId: 'k1' })).rejects.toBeInstanceOf(BudgetExceededError);
    expect(calls()).toBe(0);
  });

  it('never lowers a counter and is idempotent', async () => {
    const { router } = await pricedRouter();
    for (let i = 0; i < 3; i++) await router.completion(ask, { user: 'alice' });
    await router.restoreSpend({ scope: 'user', id: 'alice' }, () => 0.1);
    expect(router.spend({ scope: 'user', id: 'alice' }).spentUsd).toBeCloseTo(0.3, 9);
    await router.restoreSpend({ scope: 'user', id: 'alice' }, async () => 0.5);
    await router.restoreSpend({ scope: 'user', id: 'alice' }, async () => 0.5);
    expect(router.spend({ scope: 'user', id: 'alice' }).spentUsd).toBe(0.5);
    await router.completion(ask, { user: 'alice' });
    expect(router.spend({ scope: 'user', id: 'alice' }).spentUsd).toBeCloseTo(0.6, 9);
  });

  it("asks for each budget period's spend since its window start, and counts only that in the period", async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:00:00Z'));
    const { router } = await pricedRouter({ clock });
    router.setBudget({ scope: 'team', id: 'red', maxUsd: 1, period: '1d' });
    const log = spendLog([
      { at: '2026-11-20T23:00:00Z', usd: 0.7 },
      { at: '2026-11-21T01:00:00Z', usd: 0.2 },
      { at: '2026-11-21T09:00:00Z', usd: 0.1 },
    ]);
    await router.restoreSpend({ scope: 'team', id: 'red' }, log.spentSince);
    expect(log.asked.sort()).toEqual(['1970-01-01T00:00:00.000Z', '2026-11-21T00:00:00.000Z']);
    expect(router.spend({ scope: 'team', id: 'red' })).toMatchObject({
      spentUsd: expect.closeTo(0.3, 9) as number,
      periodStart: new Date('2026-11-21T00:00:00Z'),
    });
    router.removeBudget({ scope: 'team', id: 'red' });
    expect(router.spend({ scope: 'team', id: 'red' }).spentUsd).toBeCloseTo(1, 9);

    router.setBudget({ scope: 'team', id: 'red', maxUsd: 0.3, period: '1d' });
    await expect(router.completion(ask, { team: 'red' })).rejects.toMatchObject({ limitUsd: 0.3 });
    await clock.advance(14 * 3_600_000);
    await router.completion(ask, { team: 'red' });
  });

  it('restores global spend, and asks once per window start (a day and a week starting on one Monday midnight)', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z'));
    const budgets = [
      { scope: 'user' as const, maxUsd: 1, period: '1d' },
      { scope: 'user' as const, maxUsd: 5, period: '7d' },
    ];
    const { router } = await pricedRouter({ clock, budgets });
    const log = spendLog([
      { at: '2026-11-22T01:00:00Z', usd: 2 },
      { at: '2026-11-23T01:00:00Z', usd: 0.25 },
    ]);
    await router.restoreSpend({ scope: 'user', id: 'carol' }, log.spentSince);
    expect(log.asked.sort()).toEqual(['1970-01-01T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
    expect(router.spend({ scope: 'user', id: 'carol', period: '1d' }).spentUsd).toBe(0.25);
    expect(router.spend({ scope: 'user', id: 'carol', period: '7d' }).spentUsd).toBe(0.25);

    router.setBudget({ scope: 'global', maxUsd: 10 });
    await router.restoreSpend({ scope: 'global' }, log.spentSince);
    expect(router.spend()).toMatchObject({ spentUsd: 2.25, limitUsd: 10 });
  });

  it('raises nothing when an answer is not an amount, and passes on what spentSince rejects with', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:00:00Z'));
    const { router } = await pricedRouter({ clock });
    router.setBudget({ scope: 'user', id: 'alice', maxUsd: 1, period: '1d' });
    const bad = (period: number) => (since: Date) => (since.getTime() === 0 ? 0.5 : period);
    const error = await router.restoreSpend({ scope: 'user', id: 'alice' }, bad(Number.NaN)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { path: 'spentSince', message: 'expected an amount in USD of 0 or more for 2026-11-21T00:00:00.000Z, got NaN' },
    ]);
    await expect(router.restoreSpend({ scope: 'user', id: 'alice' }, bad(-1))).rejects.toBeInstanceOf(ConfigError);
    await expect(router.restoreSpend({ scope: 'user', id: 'alice' }, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    await expect(
      router.restoreSpend({ scope: 'user', id: 'alice' }, () => {
        throw new Error('no table');
      }),
    ).rejects.toThrow('no table');
    router.removeBudget({ scope: 'user', id: 'alice' });
    expect(router.spend({ scope: 'user', id: 'alice' }).spentUsd).toBe(0);
  });
});
