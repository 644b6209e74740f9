import { describe, expect, it } from 'vitest';
import { DeploymentStats, Router } from 'switchyard';
import { hi, seededRandom } from '../support/helpers.js';
import { contextFor, deploymentsFor, STRATEGIES } from '../support/strategy-fixtures.js';

/** One behavioural suite every strategy passes, in the manner of Hono's shared router cases. */
describe.each(STRATEGIES)('strategy %s', (name, make) => {
  it('only ever picks among the candidates it is given', () => {
    const stats = new DeploymentStats();
    const all = deploymentsFor(20, stats, (i) => ({ weight: i + 1, rpm: 1_000 * (i + 1), pricing: { inputPerMTok: i, outputPerMTok: i } }));
    const strategy = make();
    const random = seededRandom(1);
    for (let round = 0; round < 200; round++) {
      const candidates = all.filter((_, i) => (i * 7 + round) % 3 !== 0);
      expect(candidates).toContain(strategy.pick(candidates, contextFor(stats, random)));
    }
  });

  it('handles a group of one', () => {
    const stats = new DeploymentStats();
    const [only] = deploymentsFor(1, stats);
    expect(make().pick([only!], contextFor(stats, seededRandom(2)))).toBe(only);
  });

  it('never picks a deployment the router filtered out, even under concurrent calls', async () => {
    const router = new Router({
      strategy: name as never,
      retries: 0,
      deployments: [{ model: 'm', provider: 'mock', id: 'down', params: { errorStatus: 401 } }],
    });
    // Alone in its group, 'down' is picked and its circuit opens; then the healthy ones join.
    await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    expect(router.health().find((h) => h.deploymentId === 'down')?.state).toBe('open');
    router.addDeployment({ model: 'm', provider: 'mock', id: 'up1', params: { latencyMs: 5 } });
    router.addDeployment({ model: 'm', provider: 'mock', id: 'up2', params: { latencyMs: 5 } });

    const served: string[] = [];
    router.on('request', (e) => void served.push(e.deploymentId));
    await Promise.all(Array.from({ length: 40 }, () => router.completion({ model: 'm', messages: hi })));
    expect(served).toHaveLength(40);
    expect(served).not.toContain('down');
  });

  it('is deterministic with a seeded random source and a fixed clock', async () => {
    const run = async () => {
      const router = new Router({
        strategy: name as never,
        random: seededRandom(7),
        now: () => 1_700_000_000_000,
        deployments: ['a', 'b', 'c', 'd'].map((id, i) => ({ model: 'm', provider: 'mock', id, weight: i + 1, pricing: { inputPerMTok: 1, outputPerMTok: 1 } })),
      });
      const order: string[] = [];
      router.on('request', (e) => void order.push(e.deploymentId));
      for (let i = 0; i < 25; i++) await router.completion({ model: 'm', messages: hi });
      return order;
    };
    const first = await run();
    expect(first).toHaveLength(25);
    expect(await run()).toEqual(first);
  });
});
