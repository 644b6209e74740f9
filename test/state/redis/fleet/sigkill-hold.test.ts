import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { afterThisTest } from '../../../support/after-this-test.js';
import { stopEveryFleet, type FleetResult } from '../../../support/fleet/fleet.js';
import { mockServer } from '../../../support/mock-servers.js';
import { REDIS_URL, redisDescribe } from '../../../support/redis/redis-gate.js';
import { until } from '../../../support/until.js';
import { answerWith, fleetOf, redisJob, testPrefix } from './redis-fleet.js';

const describeRedis = await redisDescribe();

const ANSWER_TOKENS = 100;
const CALL_USD = (ANSWER_TOKENS * 1_000) / 1_000_000;
/** The router's attempt time limit: a hold is kept that long plus HOLD_GRACE_MS (30 s) after its claim. */
const TIMEOUT_MS = 1_000;
const HOLD_GRACE_MS = 30_000;
/** The daily budget's reservation counter and its holds, as the store names them. */
const RESERVED = 'reserved@1d:user:alice';

interface AfterTheKill {
  /** The result of a process started once the dead call's hold had expired, making one call. */
  fresh: FleetResult;
  providerCalls: number;
  holds: string[];
  reservedUsd: number;
}

/**
 * A process is SIGKILLed while its call (under a daily budget with room for `callsThatFit`
 * calls) is in flight; its hold is checked in Redis, then, once the hold's expiry has passed,
 * a new process makes one call.
 *
 * The honest way, chosen over faking a clock: the hold's expiry is checked in Redis (a bounded
 * time from its claim), then the test waits for that time to pass for real (the router's
 * timeoutMs is 1 s, so about 31 s). A daily budget, not an all-time one: its counter outlives
 * the hold, so a hold that is gone was purged by the store, not expired by Redis.
 */
async function killMidCallThenCallAfterExpiry(callsThatFit: number): Promise<AfterTheKill> {
  const prefix = testPrefix('sigkill-hold');
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  afterThisTest(() => void redis.disconnect());
  const server = await mockServer(answerWith(ANSWER_TOKENS));
  server.reply({ kind: 'hang' });
  const job = redisJob(prefix, {
    routerOptions: {
      deployments: [{ model: 'chat', provider: 'openai', id: 'a', baseUrl: server.url, apiKey: 'sk-test', pricing: { inputPerMTok: 0, outputPerMTok: 1_000 } }],
      budgets: [{ scope: 'user', id: 'alice', maxUsd: callsThatFit * CALL_USD, period: '1d' }],
      timeoutMs: TIMEOUT_MS,
    },
    model: 'chat',
    calls: 1,
    concurrency: 1,
    maxTokens: ANSWER_TOKENS,
    requestOptions: { user: 'alice' },
  });
  const counterKey = `{${prefix}}c:${RESERVED}`;
  const holdsKey = `{${prefix}}h:${RESERVED}`;

  const killed = await fleetOf([job], { boundMs: 80_000 });
  const before = Date.now();
  killed.go();
  await until(() => server.calls.length === 1, 20_000);
  const seen = Date.now();
  expect(Number(await redis.hget(counterKey, 'v'))).toBeCloseTo(CALL_USD, 9);
  const [member, score] = await redis.zrange(holdsKey, 0, -1, 'WITHSCORES');
  expect(member).toMatch(new RegExp(`\\|${CALL_USD}$`));
  // Expires at the claim's time plus the time limit and the grace: the claim was made between `before` and `seen`.
  const expiresAt = Number(score);
  expect(expiresAt).toBeGreaterThanOrEqual(before + TIMEOUT_MS + HOLD_GRACE_MS);
  expect(expiresAt).toBeLessThanOrEqual(seen + TIMEOUT_MS + HOLD_GRACE_MS);

  await killed.kill(0);
  expect(await redis.zcard(holdsKey)).toBe(1);
  expect(Number(await redis.hget(counterKey, 'v'))).toBeCloseTo(CALL_USD, 9);

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() + 100)));
  const freshFleet = await fleetOf([job], { boundMs: 40_000 });
  freshFleet.go();
  const [fresh] = (await freshFleet.results()) as [FleetResult];
  return { fresh, providerCalls: server.calls.length, holds: await redis.zrange(holdsKey, 0, -1), reservedUsd: Number(await redis.hget(counterKey, 'v')) };
}

describeRedis('a budget hold of a process killed mid-call', () => {
  afterAll(stopEveryFleet);

  it('is in Redis while the call is in flight, expires at a bounded time, and is purged by the next claim after that', { timeout: 90_000 }, async () => {
    // Room for two calls: the new process's call fits beside the dead hold, so its claim runs (and purges what expired).
    const after = await killMidCallThenCallAfterExpiry(2);
    expect(after.fresh).toMatchObject({ served: 1, failures: {} });
    expect(after.providerCalls).toBe(2);
    expect(after.holds).toEqual([]);
    expect(after.reservedUsd).toBeCloseTo(0, 9);
  });

  // A process that connects after the dead hold expired must not refuse the call on the reservation it loaded:
  // only the claim script, which purges expired holds, judges the fleet's holds.
  it('gives the budget back after the expiry even when the dead hold filled it', { timeout: 90_000 }, async () => {
    const after = await killMidCallThenCallAfterExpiry(1);
    expect(after.fresh).toEqual({ type: 'result', served: 1, failures: {}, retryAfterMs: [] });
    expect(after.holds).toEqual([]);
  });
});
