import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { seededRandom } from '../../src/testing/seeded-random.js';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { callPastHangs, FakeClock } from '../support/fake-clock.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import type { MockScript } from '../support/mock-provider-server.js';
import { mockServers } from '../support/mock-servers.js';
import { until } from '../support/until.js';
import { mockDeployment } from '../support/deployments.js';
import { sameModelRouter, testRouter } from '../support/routers.js';
import { countBy } from '../support/strategy-fixtures.js';

describe('least-latency', () => {
  it('converges on the fastest deployment over real HTTP', async () => {
    const latencyMs = { fast: 2, medium: 40, slow: 80 };
    const answer = json(openAICompletion('ok', { prompt_tokens: 5, completion_tokens: 10 }));
    // Each server holds its answer until the test has moved the clock by that server's latency.
    let held: { id: keyof typeof latencyMs; release: () => void } | undefined;
    const holding =
      (id: keyof typeof latencyMs): MockScript =>
      () => ({ kind: 'held', reply: new Promise((resolve) => (held = { id, release: () => resolve(answer) })) });
    const s = await mockServers({ fast: holding('fast'), medium: holding('medium'), slow: holding('slow') });
    const clock = new FakeClock();
    const router = sameModelRouter(s, { strategy: 'least-latency', random: seededRandom(3), clock });
    const events = record(router, 'success');
    for (let i = 0; i < 30; i++) {
      held = undefined;
      const call = router.completion({ model: 'm', messages: hi });
      await until(() => held !== undefined);
      await clock.advance(latencyMs[held!.id]);
      held!.release();
      await call;
    }
    expect(
      events.success
        .slice(0, 3)
        .map((e) => e.deploymentId)
        .sort(),
    ).toEqual(['fast', 'medium', 'slow']);
    expect(events.success.slice(3).every((e) => e.deploymentId === 'fast')).toBe(true);
  });

  it('treats a timeout as a heavy penalty and forgets samples after latencyTtlMs', async () => {
    const clock = new FakeClock();
    const timeoutMs = 30_000;
    const s = await mockServers({ hangs: { kind: 'hang' }, steady: json(openAICompletion('ok')) });
    const router = sameModelRouter(s, { strategy: 'least-latency', clock, timeoutMs, cooldown: { disabled: true }, strategyOptions: { latencyTtlMs: 60_000 } });
    const complete = () => callPastHangs(() => router.completion({ model: 'm', messages: hi }), clock, s.hangs, timeoutMs);
    for (let i = 0; i < 4; i++) await complete();
    expect(s.hangs.calls).toHaveLength(1);
    for (let i = 0; i < 10; i++) await complete();
    expect(s.hangs.calls).toHaveLength(1);
    await clock.advance(60_001);
    // Every sample has expired: both are unmeasured again, so within two calls each is explored.
    await complete();
    await complete();
    expect(s.hangs.calls).toHaveLength(2);
  });

  it('uses time to first token for streams', async () => {
    const clock = new FakeClock();
    const router = new Router({
      strategy: 'least-latency',
      random: seededRandom(4),
      clock,
      deployments: [
        { model: 'm', provider: 'mock', id: 'quick-start', params: { latencyMs: 2 } },
        { model: 'm', provider: 'mock', id: 'slow-start', params: { latencyMs: 40 } },
      ],
    });
    const events = record(router, 'success');
    const drain = async () => {
      for await (const _ of await router.completion({ model: 'm', messages: hi, stream: true }));
    };
    for (let i = 0; i < 12; i++) await clock.drive(drain());
    expect(events.success.slice(0, 2).map((e) => e.ttftMs)).toEqual(expect.arrayContaining([2, 40]));
    expect(events.success.slice(2).every((e) => e.deploymentId === 'quick-start')).toBe(true);
  });
});

/**
 * Who served 60 calls once each deployment was measured: `best` answers in 100 ms, `near`
 * in 105 ms (5% slower), `far` in 200 ms (twice as slow), in the fake clock's time.
 */
async function servedWith(latencyBuffer: number | undefined): Promise<Record<string, number>> {
  const clock = new FakeClock();
  const router = testRouter({
    strategy: 'least-latency',
    ...(latencyBuffer !== undefined && { strategyOptions: { latencyBuffer } }),
    random: seededRandom(11),
    clock,
    deployments: [
      mockDeployment('best', { params: { latencyMs: 100 } }),
      mockDeployment('near', { params: { latencyMs: 105 } }),
      mockDeployment('far', { params: { latencyMs: 200 } }),
    ],
  });
  const events = record(router, 'success');
  for (let i = 0; i < 63; i++) await clock.drive(router.completion({ model: 'm', messages: hi }));
  // Unmeasured deployments go first: the first three calls measure one each.
  expect(
    events.success
      .slice(0, 3)
      .map((e) => e.deploymentId)
      .sort(),
  ).toEqual(['best', 'far', 'near']);
  return countBy(events.success.slice(3).map((e) => e.deploymentId));
}

describe("least-latency's latencyBuffer", () => {
  it('is 0 by default: only the fastest is picked', async () => {
    expect(await servedWith(undefined)).toEqual({ best: 60 });
  });

  it('picks at random among the deployments within that fraction of the best, and never one beyond it', async () => {
    const within10 = await servedWith(0.1);
    expect(Object.keys(within10).sort()).toEqual(['best', 'near']);
    expect(Math.min(within10.best!, within10.near!)).toBeGreaterThanOrEqual(15);

    const within150 = await servedWith(1.5);
    expect(Object.keys(within150).sort()).toEqual(['best', 'far', 'near']);
    expect(Math.min(within150.best!, within150.near!, within150.far!)).toBeGreaterThanOrEqual(10);
  });
});
