import { describe, expect, it, vi } from 'vitest';
import { Router } from 'switchyard';
import { seededRandom } from '../../src/testing/seeded-random.js';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { mockDeployment } from '../support/deployments.js';
import { served } from '../support/strategy-fixtures.js';

describe('simple-shuffle', () => {
  it('is the default and spreads by weight', async () => {
    const router = new Router({ random: seededRandom(1), deployments: [mockDeployment('a', { weight: 1 }), mockDeployment('b', { weight: 3 })] });
    const counts = await served(router, 4000);
    expect((counts.b ?? 0) / 4000).toBeGreaterThan(0.72);
    expect((counts.b ?? 0) / 4000).toBeLessThan(0.78);
  });

  it('falls back to rpm, then tpm, for weights', async () => {
    const byRpm = await served(
      new Router({ random: seededRandom(2), deployments: [mockDeployment('a', { rpm: 1_000 }), mockDeployment('b', { rpm: 9_000 })] }),
      2000,
    );
    expect((byRpm.b ?? 0) / 2000).toBeGreaterThan(0.86);
    const byTpm = await served(
      new Router({ random: seededRandom(3), deployments: [mockDeployment('a', { tpm: 900_000 }), mockDeployment('b', { tpm: 100_000 })] }),
      2000,
    );
    expect((byTpm.a ?? 0) / 2000).toBeGreaterThan(0.86);
  });

  it('is uniform when no weight is set, and a weight of 0 gets nothing', async () => {
    const uniform = await served(new Router({ random: seededRandom(4), deployments: [mockDeployment('a'), mockDeployment('b'), mockDeployment('c')] }), 3000);
    for (const id of ['a', 'b', 'c']) expect(Math.abs((uniform[id] ?? 0) - 1000)).toBeLessThan(100);
    const zero = await served(
      new Router({ random: seededRandom(5), deployments: [mockDeployment('a', { weight: 0 }), mockDeployment('b', { weight: 2 })] }),
      500,
    );
    expect(zero.a).toBeUndefined();
  });

  it('counts a deployment without a weight as 1: weight 9 beside it splits 9:1', async () => {
    const counts = await served(new Router({ random: seededRandom(6), deployments: [mockDeployment('a', { weight: 9 }), mockDeployment('b')] }), 4000);
    expect(Math.abs((counts.a ?? 0) / 4000 - 0.9)).toBeLessThan(0.02);
  });

  it('serves a weight of 0 beside an unweighted deployment only when nothing else is left', async () => {
    const router = new Router({
      random: seededRandom(7),
      deployments: [mockDeployment('standby', { weight: 0 }), mockDeployment('main', { maxConcurrency: 1 })],
    });
    expect(await served(router, 500)).toEqual({ main: 500 });

    const events = record(router, 'success');
    await Promise.all([router.completion({ model: 'm', messages: hi }), router.completion({ model: 'm', messages: hi })]);
    expect(events.success.map((e) => e.deploymentId).sort()).toEqual(['main', 'standby']);
  });

  it('shares evenly among weights of 0 when only they are left', async () => {
    const counts = await served(
      new Router({ random: seededRandom(8), deployments: [mockDeployment('a', { weight: 0 }), mockDeployment('b', { weight: 0 })] }),
      400,
    );
    expect(Math.abs((counts.a ?? 0) - 200)).toBeLessThan(40);
  });

  it('still counts a deployment without rpm as the mean rpm of the others', async () => {
    const counts = await served(
      new Router({ random: seededRandom(9), deployments: [mockDeployment('a', { rpm: 1_000 }), mockDeployment('b', { rpm: 3_000 }), mockDeployment('c')] }),
      4000,
    );
    expect(Math.abs((counts.c ?? 0) / 4000 - 2 / 6)).toBeLessThan(0.03);
  });

  it('is repeatable with the same seed', async () => {
    const run = async () => {
      const router = new Router({ random: seededRandom(42), deployments: [mockDeployment('a'), mockDeployment('b'), mockDeployment('c')] });
      const order: string[] = [];
      router.on('success', (e) => void order.push(e.deploymentId));
      for (let i = 0; i < 30; i++) await router.completion({ model: 'm', messages: hi });
      return order;
    };
    expect(await run()).toEqual(await run());
  });
});

describe('a weight on only some deployments of a model', () => {
  it('gets a warning once the router is built, saying what the others count as and the split', async () => {
    const onWarning = vi.fn();
    const router = new Router({
      callbacks: [{ onWarning }],
      deployments: [
        mockDeployment('big', { weight: 9 }),
        mockDeployment('small'),
        mockDeployment('x', { model: 'even', weight: 0 }),
        mockDeployment('y', { model: 'even' }),
      ],
    });
    const events = record(router, 'warning');
    await Promise.resolve();
    expect(events.warning.map((e) => e.message)).toEqual([
      "model 'm': 1 of 2 deployments set weight; simple-shuffle counts a deployment without one as 1, so traffic splits " +
        "'big' 90%, 'small' 10% (no weight). Give every deployment of 'm' a weight to state the split.",
      "model 'even': 1 of 2 deployments set weight; simple-shuffle counts a deployment without one as 1, so traffic splits " +
        "'x' 0%, 'y' 100% (no weight); a weight of 0 serves only when nothing else is left. Give every deployment of 'even' a weight to state the split.",
    ]);
    expect(onWarning).toHaveBeenCalledTimes(2);
  });

  it('gets none when every deployment of a model sets weight, or none does', async () => {
    const router = new Router({
      deployments: [mockDeployment('a', { weight: 1 }), mockDeployment('b', { weight: 2 }), mockDeployment('c', { model: 'other' })],
    });
    const events = record(router, 'warning');
    await Promise.resolve();
    expect(events.warning).toEqual([]);
  });
});
