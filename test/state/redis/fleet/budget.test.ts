import { afterAll, expect, it } from 'vitest';
import { fleetSpend, stopEveryFleet } from '../../../support/fleet/fleet.js';
import { mockServer } from '../../../support/mock-servers.js';
import { redisDescribe } from '../../../support/redis/redis-gate.js';
import { answerWith, BOUND, fleetOf, redisJob, testPrefix } from './redis-fleet.js';

const describeRedis = await redisDescribe();

/**
 * Only answer tokens are priced and every call asks for max_tokens ANSWER_TOKENS, which the
 * mock answers with exactly: a call's estimate (prompt × 0 + max_tokens × price) is its real cost.
 */
const ANSWER_TOKENS = 100;
const OUTPUT_PER_MTOK = 1_000;
const CALL_USD = (ANSWER_TOKENS * OUTPUT_PER_MTOK) / 1_000_000;
const LIMIT_USD = 10 * CALL_USD;

describeRedis('a budget shared by four router processes on Redis', () => {
  afterAll(stopEveryFleet);

  it('admits exactly the 10 calls it fits when 4 processes send 10 each at once, and its spend is its limit', { timeout: 90_000 }, async () => {
    const prefix = testPrefix('budget');
    const server = await mockServer(answerWith(ANSWER_TOKENS));
    const job = redisJob(prefix, {
      routerOptions: {
        deployments: [
          { model: 'chat', provider: 'openai', id: 'a', baseUrl: server.url, apiKey: 'sk-test', pricing: { inputPerMTok: 0, outputPerMTok: OUTPUT_PER_MTOK } },
        ],
        budgets: [{ scope: 'user', id: 'alice', maxUsd: LIMIT_USD }],
      },
      model: 'chat',
      calls: 10,
      concurrency: 10,
      maxTokens: ANSWER_TOKENS,
      requestOptions: { user: 'alice' },
    });
    const fleet = await fleetOf([job, job, job, job]);
    fleet.go();
    const results = await fleet.results();

    expect(server.calls).toHaveLength(10);
    expect(results.reduce((sum, r) => sum + r.served, 0)).toBe(10);
    expect(results.reduce((sum, r) => sum + (r.failures.BudgetExceededError ?? 0), 0)).toBe(30);
    const spend = await fleetSpend({ ...job, spendQuery: { scope: 'user', id: 'alice' } }, BOUND);
    expect(spend.spentUsd).toBeCloseTo(LIMIT_USD, 9);
    expect(spend.reservedUsd).toBeCloseTo(0, 9);
  });
});
