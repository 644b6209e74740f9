import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { seededRandom } from '../../src/testing/seeded-random.js';
import { hi } from '../support/chat-fixtures.js';
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

  it('gives a deployment without the weight field the mean weight', async () => {
    const counts = await served(
      new Router({ random: seededRandom(6), deployments: [mockDeployment('a', { weight: 1 }), mockDeployment('b', { weight: 3 }), mockDeployment('c')] }),
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
