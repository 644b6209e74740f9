import { describe, expect, it } from 'vitest';
import { Router, type DeploymentConfig, type RoutingStrategy, type StrategyReads } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { testRouter } from '../support/routers.js';
import { served } from '../support/strategy-fixtures.js';

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
    const router = new Router({ strategy: lastOne, deployments: [mockDeployment('a'), mockDeployment('b')] });
    const counts = await served(router, 3);
    expect(counts).toEqual({ b: 3 });
    expect(seen[0]).toEqual(['m', 'a', 'b']);
  });
});

describe("a strategy's reads", () => {
  /** What a strategy saw in the stats over 3 concurrent calls and 1 more, whatever it declared. */
  async function statsSeen(reads: StrategyReads | undefined, extra: Partial<DeploymentConfig> = {}) {
    const seen = { inFlight: false, latency: false };
    const observer: RoutingStrategy = {
      name: 'observer',
      ...(reads && { reads }),
      pick(candidates, { stats }) {
        const slot = candidates[0]!.stats.slot;
        seen.inFlight ||= stats.inFlight[slot]! > 0;
        seen.latency ||= stats.latency.at[slot]! > 0;
        return candidates[0]!;
      },
    };
    const router = testRouter({ strategy: observer, deployments: [mockDeployment('a', { params: { latencyMs: 5 }, ...extra })] });
    await Promise.all([1, 2, 3].map(() => router.completion({ model: 'm', messages: hi })));
    await router.completion({ model: 'm', messages: hi });
    return seen;
  }

  it('decide which stats the router keeps', async () => {
    expect(await statsSeen({})).toEqual({ inFlight: false, latency: false });
    expect(await statsSeen({ usage: true })).toEqual({ inFlight: true, latency: false });
    expect(await statsSeen({ latency: true })).toEqual({ inFlight: false, latency: true });
  });

  it('left out, are taken to be everything', async () => {
    expect(await statsSeen(undefined)).toEqual({ inFlight: true, latency: true });
  });

  it('do not stop the usage that deployment limits need', async () => {
    expect(await statsSeen({}, { maxConcurrency: 10 })).toEqual({ inFlight: true, latency: false });
  });
});
