import { afterAll, expect, it } from 'vitest';
import type { DeploymentHealth } from '../../../../src/index.js';
import { stopEveryFleet, type Fleet } from '../../../support/fleet/fleet.js';
import { failing, ok, type MockReply } from '../../../support/mock-replies.js';
import { mockServer } from '../../../support/mock-servers.js';
import { redisDescribe } from '../../../support/redis/redis-gate.js';
import { until } from '../../../support/until.js';
import { fleetOf, redisJob, testPrefix } from './redis-fleet.js';

const describeRedis = await redisDescribe();

const A = 0;
const B = 1;
const PROCESSES = 4;
const CALLS_EACH = 5;

async function healthOfX(fleet: Fleet, index: number): Promise<DeploymentHealth> {
  const { health } = await fleet.ask(index, { health: true });
  const x = health?.find((h) => h.deploymentId === 'x');
  if (!x) throw new Error(`worker ${index} reported no health for x`);
  return x;
}

/** Asks worker `index` for x's health until it is in `state` or `boundMs` has passed; returns the last answer. */
async function healthOfXOnce(fleet: Fleet, index: number, state: DeploymentHealth['state'], boundMs: number): Promise<DeploymentHealth> {
  const giveUpAt = Date.now() + boundMs;
  let health = await healthOfX(fleet, index);
  while (health.state !== state && Date.now() < giveUpAt) health = await healthOfX(fleet, index);
  return health;
}

describeRedis('circuits shared by router processes on Redis', () => {
  afterAll(stopEveryFleet);

  it('a 429 one process meets takes the deployment out for every process, and one probe of the whole fleet tries it again', { timeout: 90_000 }, async () => {
    const prefix = testPrefix('cooldown-shared');
    let answerProbe: (reply: MockReply) => void = () => {};
    const x = await mockServer(ok());
    x.reply(failing(429, { 'retry-after': '2' }), { kind: 'held', reply: new Promise<MockReply>((resolve) => (answerProbe = resolve)) });
    const y = await mockServer(ok());
    const job = redisJob(prefix, {
      action: 'serve',
      routerOptions: {
        // x is tried first whenever it is available, so a call that avoids it does so because its circuit is open or probing.
        deployments: [
          { model: 'chat', provider: 'openai', id: 'x', baseUrl: x.url, apiKey: 'sk-test', priority: 0 },
          { model: 'chat', provider: 'openai', id: 'y', baseUrl: y.url, apiKey: 'sk-test', priority: 1 },
        ],
      },
      model: 'chat',
      calls: 0,
      concurrency: 1,
    });
    const fleet = await fleetOf(Array.from({ length: PROCESSES }, () => job));

    // A's call meets the 429 on x and is served by y.
    expect((await fleet.ask(A, { calls: 1 })).result).toMatchObject({ served: 1, failures: {} });
    expect([x.calls.length, y.calls.length]).toEqual([1, 1]);

    // A's failure is known (its call is over): within 100 ms B sees x open (a bound on the wait, polled).
    const seenByB = await healthOfXOnce(fleet, B, 'open', 100);
    expect(seenByB).toMatchObject({ state: 'open', reason: 'RateLimitError' });
    const reopensAt = seenByB.reopensAt as number;

    // B's calls all go to y while x cools down (retry-after: 2 s).
    expect((await fleet.ask(B, { calls: 10 })).result).toMatchObject({ served: 10, failures: {} });
    expect([x.calls.length, y.calls.length]).toEqual([1, 11]);

    // Once x reopens, every process calls at once: exactly one probe reaches x (held open meanwhile); every other call goes to y.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reopensAt - Date.now() + 50)));
    const batches = Array.from({ length: PROCESSES }, (_, index) => fleet.ask(index, { calls: CALLS_EACH }));
    await until(() => y.calls.length === 11 + PROCESSES * CALLS_EACH - 1, 20_000);
    expect(x.calls).toHaveLength(2);

    answerProbe(ok());
    const results = (await Promise.all(batches)).map((reply) => reply.result);
    expect(results).toEqual(Array(PROCESSES).fill({ served: CALLS_EACH, failures: {}, retryAfterMs: [] }));
    expect([x.calls.length, y.calls.length]).toEqual([2, 11 + PROCESSES * CALLS_EACH - 1]);
    // The probe's success closes x's circuit for the fleet (the bound only ends a hang).
    expect((await healthOfXOnce(fleet, B, 'closed', 5_000)).state).toBe('closed');
  });
});
