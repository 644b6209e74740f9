import { afterAll, expect, it } from 'vitest';
import { stopEveryFleet } from '../../../support/fleet/fleet.js';
import { ok } from '../../../support/mock-replies.js';
import { mockServer } from '../../../support/mock-servers.js';
import { redisDescribe } from '../../../support/redis/redis-gate.js';
import { fleetOf, minuteOf, redisJob, startOfRoomyMinute, testPrefix } from './redis-fleet.js';

const describeRedis = await redisDescribe();

describeRedis("a deployment's rpm shared by four router processes on Redis", () => {
  afterAll(stopEveryFleet);

  it("sends exactly 50 of 4 × 30 calls to deployment 'a' (rpm 50) and the rest to 'b', failing none", { timeout: 90_000 }, async () => {
    const prefix = testPrefix('deployment-rpm');
    const serverA = await mockServer(ok());
    const serverB = await mockServer(ok());
    const job = redisJob(prefix, {
      routerOptions: {
        // 'a' is tried first (lower priority tier), so every process keeps sending to it until the fleet has filled it:
        // then exactly its rpm reaches it, whatever the order the processes' calls interleave in.
        deployments: [
          { model: 'chat', provider: 'openai', id: 'a', baseUrl: serverA.url, apiKey: 'sk-test', rpm: 50, priority: 0 },
          { model: 'chat', provider: 'openai', id: 'b', baseUrl: serverB.url, apiKey: 'sk-test', priority: 1 },
        ],
      },
      model: 'chat',
      calls: 30,
      concurrency: 30,
    });
    const fleet = await fleetOf([job, job, job, job]);

    const minute = await startOfRoomyMinute(15_000);
    fleet.go();
    const results = await fleet.results();
    expect(minuteOf(Date.now()), 'the calls straddled a minute boundary, so they were counted in two windows').toBe(minute);

    expect(results.map((r) => [r.served, r.failures])).toEqual(Array(4).fill([30, {}]));
    expect(serverA.calls).toHaveLength(50);
    expect(serverB.calls).toHaveLength(70);
  });
});
