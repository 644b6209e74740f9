import { afterAll, describe, expect, it } from 'vitest';
import { afterThisTest } from '../after-this-test.js';
import type { MockProviderServer } from '../mock-provider-server.js';
import { ok } from '../mock-replies.js';
import { mockServer } from '../mock-servers.js';
import { fleetSpend, startFleet, stopEveryFleet, type Fleet, type FleetJob } from './fleet.js';

/** Spawning node with tsx takes seconds on a loaded machine: the bound ends a real hang, it does not time the work. */
const BOUND = { boundMs: 60_000 };

afterAll(stopEveryFleet);

function job(server: MockProviderServer, extra: Partial<FleetJob> = {}): FleetJob {
  return {
    state: 'memory',
    routerOptions: {
      deployments: [
        { model: 'chat', provider: 'openai', id: 'a', baseUrl: server.url, apiKey: 'sk-test', pricing: { inputPerMTok: 1000, outputPerMTok: 1000 } },
      ],
      limits: [{ scope: 'user', id: 'alice', rpm: 100 }],
    },
    model: 'chat',
    calls: 10,
    concurrency: 4,
    requestOptions: { user: 'alice' },
    ...extra,
  };
}

async function fleetOf(jobs: FleetJob[], bound = BOUND): Promise<Fleet> {
  const fleet = await startFleet(jobs, bound);
  afterThisTest(() => fleet.stopAll());
  return fleet;
}

describe('a fleet of router processes on memory stores', { timeout: BOUND.boundMs }, () => {
  it('serves every call of every worker', async () => {
    const server = await mockServer(ok());
    const fleet = await fleetOf(Array.from({ length: 4 }, () => job(server)));
    fleet.go();
    const results = await fleet.results();
    expect(results.map((r) => [r.served, r.failures])).toEqual(Array(4).fill([10, {}]));
    expect(server.calls).toHaveLength(40);
  });

  it('limits each process alone: four workers each admit 60 calls under a per-user rpm of 100', async () => {
    const server = await mockServer(ok());
    const fleet = await fleetOf(Array.from({ length: 4 }, () => job(server, { calls: 60, concurrency: 8 })));
    fleet.go();
    const results = await fleet.results();
    expect(results.map((r) => r.served)).toEqual([60, 60, 60, 60]);
    expect(server.calls).toHaveLength(240);
  });

  it('tallies refusals with their retry-after, reports the spend asked for, and holds open until released', async () => {
    const server = await mockServer(ok());
    const fleet = await fleetOf([
      job(server, {
        calls: 60,
        routerOptions: { ...job(server).routerOptions, limits: [{ scope: 'user', id: 'alice', rpm: 50 }] },
        spendQuery: { scope: 'user', id: 'alice' },
        holdOpen: true,
      }),
    ]);
    fleet.go();
    const [result] = await fleet.results();
    expect(result).toMatchObject({ served: 50, failures: { CallerRateLimitError: 10 } });
    expect(result?.retryAfterMs).toHaveLength(10);
    expect(result?.retryAfterMs.every((ms) => ms > 0)).toBe(true);
    // 9 prompt and 12 answer tokens a call, at $1,000 per million each.
    expect(result?.spend).toMatchObject({ scope: 'user', id: 'alice', spentUsd: expect.closeTo(50 * 0.021, 9) });
    expect(fleet.workers[0]?.alive).toBe(true);
    fleet.release();
    expect(await fleet.workers[0]?.exited).toEqual({ code: 0, signal: null });
  });

  it('reports calls one by one, and a worker killed mid-call fails results()', async () => {
    const server = await mockServer({ kind: 'hang' });
    server.reply(ok(), ok());
    const fleet = await fleetOf([job(server, { calls: 5, concurrency: 1, reportEachCall: true })]);
    fleet.go();
    expect(await fleet.callsEnded(0, 2)).toEqual([
      { type: 'call', ok: true },
      { type: 'call', ok: true },
    ]);
    await fleet.kill(0);
    expect(fleet.workers[0]?.alive).toBe(false);
    await expect(fleet.results()).rejects.toThrow(/fleet worker 0 did not exit 0 .*signal SIGKILL.*killed: kill\(0, SIGKILL\)/);
  });

  it("rejects with the worker's stderr when it cannot build its router", async () => {
    const server = await mockServer(ok());
    await expect(startFleet([job(server, { routerOptions: { deployments: [{ model: 'chat', provider: 'no-such-provider' }] } })], BOUND)).rejects.toThrow(
      /exited before saying 'ready'[\s\S]*stderr:[\s\S]*ConfigError/,
    );
  });

  it('kills every worker once the bound passes', async () => {
    const server = await mockServer({ kind: 'hang' });
    const run = (async () => {
      const fleet = await fleetOf([job(server, { calls: 1 })], { boundMs: 1_500 });
      fleet.go();
      return fleet.results();
    })();
    // The bound may pass while the worker starts or while its call hangs: either way it is killed.
    await expect(run).rejects.toThrow(/killed: bound of 1500 ms passed/);
  });

  it('answers a spend-only job', async () => {
    const server = await mockServer(ok());
    const spend = await fleetSpend(job(server, { spendQuery: { scope: 'user', id: 'alice' } }), BOUND);
    expect(spend).toMatchObject({ scope: 'user', id: 'alice', spentUsd: 0, reservedUsd: 0 });
  });
});
