import { describe, expect, it } from 'vitest';
import { Router, type DeploymentConfig, type RoutingStrategy } from 'switchyard';
import { hi, seededRandom } from '../support/helpers.js';

function mock(id: string, extra: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return { model: 'm', provider: 'mock', id, ...extra };
}

async function served(router: Router, calls: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  router.on('success', (e) => {
    counts[e.deploymentId] = (counts[e.deploymentId] ?? 0) + 1;
  });
  for (let i = 0; i < calls; i++) await router.completion({ model: 'm', messages: hi });
  return counts;
}

describe('simple-shuffle', () => {
  it('is the default and spreads by weight', async () => {
    const router = new Router({ random: seededRandom(1), deployments: [mock('a', { weight: 1 }), mock('b', { weight: 3 })] });
    const counts = await served(router, 4000);
    expect((counts.b ?? 0) / 4000).toBeGreaterThan(0.72);
    expect((counts.b ?? 0) / 4000).toBeLessThan(0.78);
  });

  it('falls back to rpm, then tpm, for weights', async () => {
    const byRpm = await served(new Router({ random: seededRandom(2), deployments: [mock('a', { rpm: 1_000 }), mock('b', { rpm: 9_000 })] }), 2000);
    expect((byRpm.b ?? 0) / 2000).toBeGreaterThan(0.86);
    const byTpm = await served(new Router({ random: seededRandom(3), deployments: [mock('a', { tpm: 900_000 }), mock('b', { tpm: 100_000 })] }), 2000);
    expect((byTpm.a ?? 0) / 2000).toBeGreaterThan(0.86);
  });

  it('is uniform when no weight is set, and a weight of 0 gets nothing', async () => {
    const uniform = await served(new Router({ random: seededRandom(4), deployments: [mock('a'), mock('b'), mock('c')] }), 3000);
    for (const id of ['a', 'b', 'c']) expect(Math.abs((uniform[id] ?? 0) - 1000)).toBeLessThan(100);
    const zero = await served(new Router({ random: seededRandom(5), deployments: [mock('a', { weight: 0 }), mock('b', { weight: 2 })] }), 500);
    expect(zero.a).toBeUndefined();
  });

  it('gives a deployment without the weight field the mean weight', async () => {
    const counts = await served(new Router({ random: seededRandom(6), deployments: [mock('a', { weight: 1 }), mock('b', { weight: 3 }), mock('c')] }), 4000);
    expect(Math.abs((counts.c ?? 0) / 4000 - 2 / 6)).toBeLessThan(0.03);
  });

  it('is repeatable with the same seed', async () => {
    const run = async () => {
      const router = new Router({ random: seededRandom(42), deployments: [mock('a'), mock('b'), mock('c')] });
      const order: string[] = [];
      router.on('success', (e) => void order.push(e.deploymentId));
      for (let i = 0; i < 30; i++) await router.completion({ model: 'm', messages: hi });
      return order;
    };
    expect(await run()).toEqual(await run());
  });
});

describe('round-robin', () => {
  it('rotates strictly within each group', async () => {
    const router = new Router({
      strategy: 'round-robin',
      deployments: [mock('a'), mock('b'), mock('c'), { model: 'other', provider: 'mock', id: 'x' }, { model: 'other', provider: 'mock', id: 'y' }],
    });
    const order: string[] = [];
    router.on('success', (e) => void order.push(e.deploymentId));
    for (let i = 0; i < 6; i++) {
      await router.completion({ model: 'm', messages: hi });
      await router.completion({ model: 'other', messages: hi });
    }
    expect(order.filter((id) => 'abc'.includes(id))).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(order.filter((id) => 'xy'.includes(id))).toEqual(['x', 'y', 'x', 'y', 'x', 'y']);
  });

  it('keeps its own count per router', async () => {
    const build = () => new Router({ strategy: 'round-robin', deployments: [mock('a'), mock('b')] });
    const first = build();
    const second = build();
    const order: string[] = [];
    first.on('success', (e) => void order.push(e.deploymentId));
    second.on('success', (e) => void order.push(e.deploymentId));
    await first.completion({ model: 'm', messages: hi });
    await second.completion({ model: 'm', messages: hi });
    expect(order).toEqual(['a', 'a']);
  });
});

describe('custom strategy', () => {
  it('is given the candidates and a context, and its choice is used', async () => {
    const seen: string[][] = [];
    const lastOne: RoutingStrategy = {
      name: 'last-one',
      pick(candidates, context) {
        seen.push([context.model, ...candidates.map((c) => c.id)]);
        return candidates[candidates.length - 1] as (typeof candidates)[number];
      },
    };
    const router = new Router({ strategy: lastOne, deployments: [mock('a'), mock('b')] });
    const counts = await served(router, 3);
    expect(counts).toEqual({ b: 3 });
    expect(seen[0]).toEqual(['m', 'a', 'b']);
  });
});
