import { describe, expect, it } from 'vitest';
import type { RouterError } from 'switchyard';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NoDeploymentAvailableError,
  RateLimitError,
  TimeoutError,
} from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { callPastHangs, FakeClock } from '../support/fake-clock.js';
import { failing, ok } from '../support/mock-replies.js';
import { callsOf, mockServers, REFUSED_URL } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';
import { firstCandidate } from '../support/strategy-fixtures.js';

const fastRetries = { minDelayMs: 1, maxDelayMs: 4 };

describe('retries', () => {
  it('calls a group of one deployment answering 500 three times by default and ends in InternalServerError with 3 attempts', async () => {
    const s = await mockServers({ only: failing(500) });
    const router = sameModelRouter(s);
    const events = record(router, 'retry');

    const error = await router.completion({ model: 'm', messages: hi }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InternalServerError);
    expect(s.only.calls).toHaveLength(3);
    expect((error as RouterError).attempts).toEqual([
      expect.objectContaining({ deploymentId: 'only', model: 'm', error: 'InternalServerError', status: 500 }),
      expect.objectContaining({ deploymentId: 'only', error: 'InternalServerError' }),
      expect.objectContaining({ deploymentId: 'only', error: 'InternalServerError' }),
    ]);
    expect(events.retry.map((e) => e.delayMs > 0)).toEqual([true, true]);
  });

  it('calls a 400 once, and never cools the deployment down for it', async () => {
    const s = await mockServers({ a: failing(400), b: ok() });
    const router = sameModelRouter(s, { strategy: 'round-robin' });
    const error = await router.completion({ model: 'm', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(callsOf(s)).toEqual({ a: 1, b: 0 });
    expect(router.health().find((h) => h.deploymentId === 'a')?.state).toBe('closed');
  });

  it('retries at once on another deployment, skipping the one that failed', async () => {
    const s = await mockServers({ a: failing(503), b: ok('from b') });
    const router = sameModelRouter(s, { strategy: firstCandidate });
    const events = record(router, 'retry', 'request', 'success');

    const response = await router.completion({ model: 'm', messages: hi });

    expect(response.choices[0]?.message.content).toBe('from b');
    expect(events.request.map((e) => [e.deploymentId, e.attempt])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(events.retry).toEqual([expect.objectContaining({ deploymentId: 'a', attempt: 1, delayMs: 0 })]);
    expect(events.success[0]).toMatchObject({ deploymentId: 'b', attempts: 2 });
  });

  it('a 429 with retry-after: 2 on one of three: the others serve everything and it is not called again for 2 s', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ limited: failing(429, { 'retry-after': '2' }), b: ok(), c: ok() });
    const router = sameModelRouter(s, { clock, strategy: 'round-robin' });
    const events = record(router, 'cooldown', 'success');

    for (let i = 0; i < 20; i++) await router.completion({ model: 'm', messages: hi });
    expect(events.success.every((e) => e.deploymentId !== 'limited')).toBe(true);
    expect(s.limited.calls).toHaveLength(1);
    expect(events.cooldown).toEqual([expect.objectContaining({ deploymentId: 'limited', reason: 'RateLimitError', cooldownMs: 2000 })]);

    await clock.advance(1_999);
    for (let i = 0; i < 20; i++) await router.completion({ model: 'm', messages: hi });
    expect(s.limited.calls).toHaveLength(1);

    await clock.advance(1);
    for (let i = 0; i < 20; i++) await router.completion({ model: 'm', messages: hi });
    expect(s.limited.calls).toHaveLength(2);
    expect(events.success).toHaveLength(60);
  });

  it('waits exactly the retry-after when no other deployment is free', async () => {
    const s = await mockServers({ only: failing(429, { 'retry-after-ms': '30' }) });
    s.only.reply(failing(429, { 'retry-after-ms': '30' })).setDefault(ok());
    const router = sameModelRouter(s);
    const events = record(router, 'retry');
    const response = await router.completion({ model: 'm', messages: hi });
    expect(response.choices[0]?.message.content).toBe('ok');
    expect(events.retry[0]?.delayMs).toBe(30);
  });

  it('gives up on a retry-after above maxRetryAfterMs', async () => {
    const s = await mockServers({ only: failing(429, { 'retry-after': '120' }) });
    const router = sameModelRouter(s, { retries: { maxRetryAfterMs: 60_000 } });
    const error = await router.completion({ model: 'm', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(s.only.calls).toHaveLength(1);
  });

  it('a 401 moves on to another deployment of the group and is never retried on the same one', async () => {
    const s = await mockServers({ bad: failing(401), good: ok('good') });
    const router = sameModelRouter(s, { strategy: firstCandidate });
    expect((await router.completion({ model: 'm', messages: hi })).choices[0]?.message.content).toBe('good');

    const alone = await mockServers({ bad: failing(401) });
    const single = sameModelRouter(alone);
    await expect(single.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(AuthenticationError);
    expect(alone.bad.calls).toHaveLength(1);
  });

  it('byError overrides the retry count per error class, and a request overrides the router', async () => {
    const s = await mockServers({ only: failing(503) });
    const router = sameModelRouter(s, { retries: { ...fastRetries, max: 5, byError: { InternalServerError: 1 } } });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(InternalServerError);
    expect(s.only.calls).toHaveLength(2);

    await expect(router.completion({ model: 'm', messages: hi }, { retries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(s.only.calls).toHaveLength(3);
  });

  it('retries timeouts, refused connections, cut bodies and malformed answers on the healthy deployment', async () => {
    const scripts = {
      hangs: { kind: 'hang' as const },
      cut: { kind: 'cut' as const, partialBody: '{"id":"x","choi' },
      garbled: { kind: 'text' as const, body: 'not json at all', status: 200 },
    };
    for (const [name, script] of Object.entries(scripts)) {
      const s = await mockServers({ broken: script, healthy: ok('healthy') });
      const clock = new FakeClock();
      const router = sameModelRouter(s, { strategy: firstCandidate, timeoutMs: 60_000, clock });
      const events = record(router, 'retry');
      const call = () => router.completion({ model: 'm', messages: hi });
      const response = await (name === 'hangs' ? callPastHangs(call, clock, s.broken, 60_000) : call());
      expect(response.choices[0]?.message.content, name).toBe('healthy');
      expect(events.retry[0]?.deploymentId, name).toBe('broken');
    }
    const healthy = await mockServers({ healthy: ok('healthy') });
    const router = sameModelRouter({}, { strategy: firstCandidate });
    router.addDeployment({ id: 'refused', model: 'm', provider: 'openai-compatible', baseUrl: REFUSED_URL });
    router.addDeployment({ id: 'healthy', model: 'm', provider: 'openai-compatible', baseUrl: healthy.healthy.url });
    const events = record(router, 'retry');
    expect((await router.completion({ model: 'm', messages: hi })).choices[0]?.message.content).toBe('healthy');
    expect(events.retry[0]?.error).toBeInstanceOf(APIConnectionError);
  });

  it('deadlineMs bounds the whole call, retries included', async () => {
    const s = await mockServers({ a: { kind: 'hang' }, b: { kind: 'hang' } });
    const router = sameModelRouter(s, { timeoutMs: 60_000 });
    const error = await router.completion({ model: 'm', messages: hi }, { deadlineMs: 80 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('deadlineMs');
  });

  it('a cooled-down group answers NoDeploymentAvailableError with the wait, calls nobody and counts no failure', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ only: failing(429) });
    const router = sameModelRouter(s, { clock, retries: 0, cooldown: { cooldownMs: 5_000 } });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(RateLimitError);
    await clock.advance(1_000);

    const error = await router.completion({ model: 'm', messages: hi }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NoDeploymentAvailableError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 4_000 });
    expect(s.only.calls).toHaveLength(1);
    expect(router.health()[0]).toMatchObject({ state: 'open', failures: 1 });
  });

  it('waits for a cooling group to free up when maxWaitMs allows', async () => {
    const s = await mockServers({ only: failing(429) });
    s.only.reply(failing(429)).setDefault(ok('after the wait'));
    const router = sameModelRouter(s, { retries: 0, cooldown: { cooldownMs: 40 }, maxWaitMs: 5_000 });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(RateLimitError);
    const response = await router.completion({ model: 'm', messages: hi });
    expect(response.choices[0]?.message.content).toBe('after the wait');
  });
});
