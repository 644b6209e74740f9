import { describe, expect, it } from 'vitest';
import { Router, TimeoutError } from 'switchyard';
import { seededRandom } from '../../src/testing/seeded-random.js';
import { hi } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { ok } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';
import { countBy } from '../support/strategy-fixtures.js';

describe('least-busy', () => {
  it('spreads concurrent calls by how many each has in flight', async () => {
    const router = new Router({
      strategy: 'least-busy',
      deployments: ['a', 'b', 'c'].map((id) => ({ model: 'm', provider: 'mock', id, params: { latencyMs: 30 } })),
    });
    const events = record(router, 'request');
    await Promise.all(Array.from({ length: 30 }, () => router.completion({ model: 'm', messages: hi })));
    expect(countBy(events.request.map((e) => e.deploymentId))).toEqual({ a: 10, b: 10, c: 10 });
  });

  it('releases in-flight counts on failures and aborts too', async () => {
    const timeoutMs = 60_000;
    const s = await mockServers({ a: { kind: 'hang' }, b: { kind: 'hang' } });
    const clock = new FakeClock();
    const router = sameModelRouter(s, { strategy: 'least-busy', retries: 0, timeoutMs, clock, random: seededRandom(7), cooldown: { disabled: true } });
    const events = record(router, 'request');

    // Five calls picked at once split 3 and 2 by their in-flight counts; one side is aborted, the other times out.
    const controllers = Array.from({ length: 5 }, () => new AbortController());
    const calls = controllers.map((c) => rejectionOf(router.completion({ model: 'm', messages: hi }, { signal: c.signal })));
    const picked = events.request.map((e) => e.deploymentId);
    expect(Math.abs(picked.filter((id) => id === 'a').length - picked.filter((id) => id === 'b').length)).toBe(1);
    picked.forEach((id, i) => id === 'b' && controllers[i]!.abort(new Error('caller gave up')));
    await clock.advance(timeoutMs);
    const outcomes = await Promise.all(calls);
    expect(outcomes.map((error, i) => [picked[i], error instanceof TimeoutError ? 'timed out' : (error as Error).message])).toEqual(
      picked.map((id) => [id, id === 'a' ? 'timed out' : 'caller gave up']),
    );

    // Had either kind of ending kept its count, one deployment would now look busier and get every call.
    s.a.setDefault(ok('a'));
    s.b.setDefault(ok('b'));
    events.request.length = 0;
    for (let i = 0; i < 20; i++) await router.completion({ model: 'm', messages: hi });
    expect(Object.keys(countBy(events.request.map((e) => e.deploymentId))).sort()).toEqual(['a', 'b']);
  });
});
