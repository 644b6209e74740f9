import { afterAll, expect, it } from 'vitest';
import { stopEveryFleet } from '../../../support/fleet/fleet.js';
import { ok } from '../../../support/mock-replies.js';
import { mockServer } from '../../../support/mock-servers.js';
import { redisDescribe } from '../../../support/redis/redis-gate.js';
import { fleetOf, minuteOf, redisJob, startOfRoomyMinute, testPrefix } from './redis-fleet.js';

const describeRedis = await redisDescribe();

describeRedis('a per-user rpm shared by four router processes on Redis', () => {
  afterAll(stopEveryFleet);

  it('admits exactly 100 of 4 × 60 concurrent calls; the other 140 fail with CallerRateLimitError and a retry-after', { timeout: 90_000 }, async () => {
    const prefix = testPrefix('caller-rpm');
    const server = await mockServer(ok());
    const job = redisJob(prefix, {
      routerOptions: {
        deployments: [{ model: 'chat', provider: 'openai', id: 'a', baseUrl: server.url, apiKey: 'sk-test' }],
        limits: [{ scope: 'user', id: 'alice', rpm: 100 }],
      },
      model: 'chat',
      calls: 60,
      concurrency: 60,
      requestOptions: { user: 'alice' },
    });
    const fleet = await fleetOf([job, job, job, job]);

    const minute = await startOfRoomyMinute(15_000);
    fleet.go();
    const results = await fleet.results();
    expect(minuteOf(Date.now()), 'the calls straddled a minute boundary, so they were counted in two windows').toBe(minute);

    expect(server.calls).toHaveLength(100);
    expect(results.reduce((sum, r) => sum + r.served, 0)).toBe(100);
    const refusals = results.reduce((sum, r) => sum + (r.failures.CallerRateLimitError ?? 0), 0);
    // 100 served and 140 refused are all 240 calls: no call failed another way.
    expect(refusals).toBe(140);
    const retryAfters = results.flatMap((r) => r.retryAfterMs);
    expect(retryAfters).toHaveLength(140);
    expect(retryAfters.filter((ms) => !(ms > 0))).toEqual([]);
  });
});
