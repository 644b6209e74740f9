import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/testing/seeded-random.js';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { testRouter } from '../support/routers.js';
import { countBy } from '../support/strategy-fixtures.js';

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
    deployments: [mockDeployment('best', { params: { latencyMs: 100 } }), mockDeployment('near', { params: { latencyMs: 105 } }), mockDeployment('far', { params: { latencyMs: 200 } })],
  });
  const events = record(router, 'success');
  for (let i = 0; i < 63; i++) await clock.drive(router.completion({ model: 'm', messages: hi }));
  // Unmeasured deployments go first: the first three calls measure one each.
  expect(events.success.slice(0, 3).map((e) => e.deploymentId).sort()).toEqual(['best', 'far', 'near']);
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
