import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { FakeClock } from '../support/fake-clock.js';
import { testRouter } from '../support/routers.js';
import { billingServer, EASY_PRICES } from '../support/spend-fixtures.js';

describe('router.spend', () => {
  it("with several budgets on one value, period picks one: that budget's current period, spend and limit", async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:30:00Z'));
    // Every call bills 100 output tokens: $0.10 at the easy prices.
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 100 });
    const router = testRouter({
      clock,
      budgets: [
        { scope: 'user', maxUsd: 0.5, period: '1h' },
        { scope: 'user', maxUsd: 2, period: '1d' },
      ],
      deployments: [openAIDeployment(server, 'chat', { pricing: EASY_PRICES })],
    });
    const ask = () => router.completion({ model: 'chat', messages: hi, max_tokens: 100 }, { user: 'alice' });
    await ask();
    await ask();
    await clock.advance(60 * 60_000);
    await ask();

    const hourly = router.spend({ scope: 'user', id: 'alice', period: '1h' });
    expect(hourly).toMatchObject({
      scope: 'user',
      id: 'alice',
      limitUsd: 0.5,
      reservedUsd: 0,
      periodStart: new Date('2026-11-21T11:00:00Z'),
      resetsAt: new Date('2026-11-21T12:00:00Z'),
    });
    expect([hourly.spentUsd, hourly.remainingUsd]).toEqual([expect.closeTo(0.1, 9), expect.closeTo(0.4, 9)]);

    const daily = router.spend({ scope: 'user', id: 'alice', period: '1d' });
    expect(daily).toMatchObject({ limitUsd: 2, periodStart: new Date('2026-11-21T00:00:00Z'), resetsAt: new Date('2026-11-22T00:00:00Z') });
    expect([daily.spentUsd, daily.remainingUsd]).toEqual([expect.closeTo(0.3, 9), expect.closeTo(1.7, 9)]);
  });

  it('names a period no budget of that value has', () => {
    const router = testRouter({ budgets: [{ scope: 'user', maxUsd: 1, period: '1d' }], deployments: [{ model: 'm', provider: 'mock' }] });
    expect(() => router.spend({ scope: 'user', id: 'alice', period: '7d' })).toThrow("spend: no '7d' budget applies to user 'alice'");
  });
});
