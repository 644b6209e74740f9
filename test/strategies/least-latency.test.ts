import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { seededRandom } from '../../src/testing/seeded-random.js';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { manualClock } from '../support/manual-clock.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';

describe('least-latency', () => {
  it('converges on the fastest deployment over real HTTP', async () => {
    const answer = openAICompletion('ok', { prompt_tokens: 5, completion_tokens: 10 });
    const s = await mockServers({
      fast: { kind: 'json', body: answer, delayMs: 2 },
      medium: { kind: 'json', body: answer, delayMs: 40 },
      slow: { kind: 'json', body: answer, delayMs: 80 },
    });
    const router = sameModelRouter(s, { strategy: 'least-latency', random: seededRandom(3) });
    const events = record(router, 'success');
    for (let i = 0; i < 30; i++) await router.completion({ model: 'm', messages: hi });
    expect(events.success.slice(0, 3).map((e) => e.deploymentId).sort()).toEqual(['fast', 'medium', 'slow']);
    expect(events.success.slice(3).every((e) => e.deploymentId === 'fast')).toBe(true);
  });

  it('treats a timeout as a heavy penalty and forgets samples after latencyTtlMs', async () => {
    const clock = manualClock();
    const s = await mockServers({ hangs: { kind: 'hang' }, steady: json(openAICompletion('ok')) });
    const router = sameModelRouter(s, { strategy: 'least-latency', now: clock.now, timeoutMs: 30, cooldown: { disabled: true }, strategyOptions: { latencyTtlMs: 60_000 } });
    for (let i = 0; i < 4; i++) await router.completion({ model: 'm', messages: hi });
    const calls = s.hangs.calls.length;
    expect(calls).toBe(1);
    for (let i = 0; i < 10; i++) await router.completion({ model: 'm', messages: hi });
    expect(s.hangs.calls).toHaveLength(calls);
    clock.advance(60_001);
    // Every sample has expired: both are unmeasured again, so within two calls each is explored.
    await router.completion({ model: 'm', messages: hi });
    await router.completion({ model: 'm', messages: hi });
    expect(s.hangs.calls).toHaveLength(calls + 1);
  });

  it('uses time to first token for streams', async () => {
    const router = new Router({
      strategy: 'least-latency',
      random: seededRandom(4),
      deployments: [
        { model: 'm', provider: 'mock', id: 'quick-start', params: { latencyMs: 2 } },
        { model: 'm', provider: 'mock', id: 'slow-start', params: { latencyMs: 40 } },
      ],
    });
    const events = record(router, 'success');
    for (let i = 0; i < 12; i++) for await (const _ of await router.completion({ model: 'm', messages: hi, stream: true }));
    expect(events.success.slice(2).every((e) => e.deploymentId === 'quick-start')).toBe(true);
  });
});
