import { describe, expect, it } from 'vitest';
import { BadRequestError, ContextWindowExceededError, Router } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { failing, json, openAICompletion } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';
import { firstCandidate } from '../support/strategy-fixtures.js';

function servedBy(router: Router): string[] {
  const ids: string[] = [];
  router.on('success', (e) => void ids.push(e.deploymentId));
  return ids;
}

describe('filters', () => {
  it('tags: a request goes only where all its tags are; untagged requests go to the default-tagged', async () => {
    const router = new Router({
      deployments: [mockDeployment('eu', { tags: ['eu', 'gdpr'] }), mockDeployment('us', { tags: ['us'] }), mockDeployment('general', { tags: ['default'] })],
    });
    const ids = servedBy(router);
    await router.completion({ model: 'm', messages: hi }, { tags: ['eu', 'gdpr'] });
    await router.completion({ model: 'm', messages: hi }, { tags: ['us'] });
    await router.completion({ model: 'm', messages: hi });
    expect(ids).toEqual(['eu', 'us', 'general']);
    await expect(router.completion({ model: 'm', messages: hi }, { tags: ['eu', 'us'] })).rejects.toThrow(BadRequestError);
  });

  it('context window: a prompt larger than every maxInputTokens fails before any provider is called', async () => {
    const s = await mockServers({ small: json(openAICompletion('small')), medium: json(openAICompletion('medium')) });
    const limits: Record<string, number> = { small: 50, medium: 500 };
    const router = sameModelRouter(s, {}, (id) => ({ maxInputTokens: limits[id] }));
    const ids = servedBy(router);

    await router.completion({ model: 'm', messages: [{ role: 'user', content: 'tell me a story '.repeat(30) }] });
    expect(ids).toEqual(['medium']);

    const error = await router.completion({ model: 'm', messages: [{ role: 'user', content: 'tell me a story '.repeat(300) }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect((error as Error).message).toMatch(/about \d+ tokens; no deployment of model 'm' takes more than 500/);
    expect(s.small.calls.length + s.medium.calls.length).toBe(1);
  });

  it('priority: only the lowest tier with a free deployment is offered', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ primary: failing(429), secondary: json(openAICompletion('secondary')), tertiary: json(openAICompletion('tertiary')) });
    const priorities: Record<string, number> = { primary: 0, secondary: 1, tertiary: 2 };
    const router = sameModelRouter(s, { clock }, (id) => ({ priority: priorities[id] }));
    const ids = servedBy(router);
    for (let i = 0; i < 5; i++) await router.completion({ model: 'm', messages: hi });
    expect(s.primary.calls).toHaveLength(1);
    expect(ids).toEqual(Array(5).fill('secondary'));
  });

  it('maxConcurrency: a deployment at its limit is skipped while its calls are in flight', async () => {
    const router = new Router({
      strategy: firstCandidate,
      deployments: [mockDeployment('narrow', { maxConcurrency: 2, params: { latencyMs: 20 } }), mockDeployment('wide', { params: { latencyMs: 20 } })],
    });
    const events = record(router, 'request');
    await Promise.all(Array.from({ length: 5 }, () => router.completion({ model: 'm', messages: hi })));
    expect(events.request.map((e) => e.deploymentId)).toEqual(['narrow', 'narrow', 'wide', 'wide', 'wide']);
    await router.completion({ model: 'm', messages: hi });
    expect(events.request.at(-1)?.deploymentId).toBe('narrow');
  });

  it('rpm: a deployment that used its minute is skipped until the next minute', async () => {
    const clock = new FakeClock(60_000 * 1_000_000);
    const router = new Router({ clock, strategy: firstCandidate, deployments: [mockDeployment('limited', { rpm: 2 }), mockDeployment('spare')] });
    const ids = servedBy(router);
    for (let i = 0; i < 4; i++) await router.completion({ model: 'm', messages: hi });
    await clock.advance(60_000);
    await router.completion({ model: 'm', messages: hi });
    expect(ids).toEqual(['limited', 'limited', 'spare', 'spare', 'limited']);
  });

  it('session affinity: a session sticks to its deployment while that one stays healthy', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ a: json(openAICompletion('a')), b: json(openAICompletion('b')), c: json(openAICompletion('c')) });
    const router = sameModelRouter(s, { clock, cooldown: { cooldownMs: 1_000 } });
    const ids = servedBy(router);
    await router.completion({ model: 'm', messages: hi }, { sessionId: 'chat-42' });
    const first = ids[0] as 'a' | 'b' | 'c';
    for (let i = 0; i < 10; i++) await router.completion({ model: 'm', messages: hi }, { sessionId: 'chat-42' });
    expect(new Set(ids)).toEqual(new Set([first]));

    s[first].setDefault(failing(429));
    await router.completion({ model: 'm', messages: hi }, { sessionId: 'chat-42' });
    const moved = ids.at(-1);
    expect(moved).not.toBe(first);
    for (let i = 0; i < 5; i++) await router.completion({ model: 'm', messages: hi }, { sessionId: 'chat-42' });
    expect(new Set(ids.slice(-5))).toEqual(new Set([moved]));
  });
});
