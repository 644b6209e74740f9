import { CallerRateLimitError, RateLimitError } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { testRouter } from '../support/routers.js';
import { billingServer } from '../support/spend-fixtures.js';

describe('caller limits', () => {
  it('refuses a user over rpm with a retry time, before any provider call, without touching deployment health', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:00:15Z'));
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat', { id: 'a' })], limits: [{ scope: 'user', rpm: 2 }], clock });
    const events = record(router, 'failure', 'cooldown');
    await router.completion({ model: 'chat', messages: hi }, { user: 'alice' });
    await router.completion({ model: 'chat', messages: hi }, { user: 'alice' });
    const error = await rejectionOf(router.completion({ model: 'chat', messages: hi }, { user: 'alice' }));
    expect(error).toBeInstanceOf(CallerRateLimitError);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 45_000, scope: 'user', scopeId: 'alice', limitName: 'rpm', limit: 2 });
    expect((error as Error).message).toMatch(/user 'alice'.*2 requests per minute/);
    expect(server.calls).toHaveLength(2);
    expect(events.failure.map((e) => e.error)).toEqual([error]);
    expect(events.cooldown).toEqual([]);
    expect(router.health()[0]).toMatchObject({ state: 'closed', failures: 0 });

    await router.completion({ model: 'chat', messages: hi }, { user: 'bob' });
    await clock.advance(45_000);
    await router.completion({ model: 'chat', messages: hi }, { user: 'alice' });
    expect(server.calls).toHaveLength(4);
  });

  it('limits a team, a key, a tag and the whole router', async () => {
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    // A fake clock, so no minute can end between a call and the one that must be refused.
    const router = testRouter({
      clock: new FakeClock(),
      deployments: [openAIDeployment(server, 'chat', { tags: ['batch'] })],
      limits: [
        { scope: 'team', id: 'red', rpm: 1 },
        { scope: 'apiKeyId', rpm: 1 },
        { scope: 'tag', id: 'batch', rpm: 1 },
        { scope: 'global', rpm: 10 },
      ],
    });
    const call = (options: object) => rejectionOf(router.completion({ model: 'chat', messages: hi }, options));
    for (const options of [{ team: 'red' }, { apiKeyId: 'k1' }, { tags: ['batch'] }]) {
      expect(await call(options)).toBeUndefined();
      expect(await call(options)).toBeInstanceOf(CallerRateLimitError);
    }
    expect(await call({ team: 'blue' })).toBeUndefined();
    expect(await call({ apiKeyId: 'k2' })).toBeUndefined();
    for (let i = 0; i < 5; i++) await call({});
    expect(await call({})).toMatchObject({ scope: 'global', limitName: 'rpm', limit: 10 });
  });

  it('reserves tokens per minute from the estimate and corrects them with the real usage', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:00:00Z'));
    const server = await billingServer({ prompt_tokens: 400, completion_tokens: 500 });
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat')], limits: [{ scope: 'user', tpm: 1000 }], clock });
    // The estimate of this prompt is a few tokens; the answer reports 900, which the minute must hold.
    await router.completion({ model: 'chat', messages: hi }, { user: 'alice' });
    await router.completion({ model: 'chat', messages: hi }, { user: 'alice' });
    const error = await rejectionOf(router.completion({ model: 'chat', messages: hi }, { user: 'alice' }));
    expect(error).toMatchObject({ limitName: 'tpm', limit: 1000, retryAfterMs: 60_000 });
    expect(server.calls).toHaveLength(2);
  });

  it('refuses a call whose estimate would pass the tokens left this minute', async () => {
    const server = await billingServer({ prompt_tokens: 5, completion_tokens: 5 });
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat')], limits: [{ scope: 'user', tpm: 1000 }], clock: new FakeClock() });
    await router.completion({ model: 'chat', messages: hi }, { user: 'alice' });
    await expect(router.completion({ model: 'chat', messages: hi, max_tokens: 995 }, { user: 'alice' })).rejects.toMatchObject({ limitName: 'tpm' });
    await router.completion({ model: 'chat', messages: hi, max_tokens: 900 }, { user: 'alice' });
  });

  it('rejects limits that name no count or a target scope', async () => {
    const server = await billingServer({ prompt_tokens: 5, completion_tokens: 5 });
    expect(() => testRouter({ deployments: [openAIDeployment(server)], limits: [{ scope: 'user' }] })).toThrow(/limits\[0\].*expected rpm, tpm or both/);
    expect(() => testRouter({ deployments: [openAIDeployment(server)], limits: [{ scope: 'provider' as 'user', rpm: 1 }] })).toThrow(/limits\[0\]\.scope/);
  });
});
