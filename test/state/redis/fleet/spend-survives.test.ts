import { afterAll, expect, it } from 'vitest';
import { fleetSpend, stopEveryFleet } from '../../../support/fleet/fleet.js';
import { mockServer } from '../../../support/mock-servers.js';
import { redisDescribe } from '../../../support/redis/redis-gate.js';
import { answerWith, BOUND, fleetOf, redisJob, testPrefix } from './redis-fleet.js';

const describeRedis = await redisDescribe();

/** 9 prompt and 12 answer tokens a call at $1,000 per million each: $0.021 a call. */
const CALL_USD = (9 + 12) * 0.001;

describeRedis('spend kept in Redis', () => {
  afterAll(stopEveryFleet);

  it("outlives the process that spent it: a new process reads the user's and the global spend", { timeout: 90_000 }, async () => {
    const prefix = testPrefix('spend-survives');
    const server = await mockServer(answerWith(12, 9));
    const job = redisJob(prefix, {
      routerOptions: {
        deployments: [
          { model: 'chat', provider: 'openai', id: 'a', baseUrl: server.url, apiKey: 'sk-test', pricing: { inputPerMTok: 1_000, outputPerMTok: 1_000 } },
        ],
        budgets: [{ scope: 'user', id: 'alice', maxUsd: 100 }],
      },
      model: 'chat',
      calls: 5,
      concurrency: 2,
      requestOptions: { user: 'alice' },
      spendQuery: { scope: 'user', id: 'alice' },
    });
    const fleet = await fleetOf([job]);
    fleet.go();
    // results() waits for the worker to exit 0: its router and store are closed, the process is gone.
    const [result] = await fleet.results();
    expect(result).toMatchObject({ served: 5, failures: {} });
    // The spending process's own view, read right after its last call: its queued spend counts before Redis has it.
    expect(result?.spend?.spentUsd).toBeCloseTo(5 * CALL_USD, 9);
    expect(fleet.workers[0]?.alive).toBe(false);

    const user = await fleetSpend({ ...job, spendQuery: { scope: 'user', id: 'alice' } }, BOUND);
    const global = await fleetSpend({ ...job, spendQuery: { scope: 'global' } }, BOUND);
    expect(user).toMatchObject({ scope: 'user', id: 'alice', limitUsd: 100, reservedUsd: 0 });
    expect(user.spentUsd).toBeCloseTo(5 * CALL_USD, 9);
    expect(global.scope).toBe('global');
    expect(global.spentUsd).toBeCloseTo(5 * CALL_USD, 9);
  });
});
