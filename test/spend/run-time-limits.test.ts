import { CallerRateLimitError, MemoryStateStore } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { FakeClock } from '../support/fake-clock.js';
import { testRouter } from '../support/routers.js';
import { billingServer } from '../support/spend-fixtures.js';

const ask = { model: 'chat', messages: hi };

async function limitedRouter(options: { limits?: { scope: 'user'; id?: string; rpm?: number; tpm?: number }[] } = {}) {
  const clock = new FakeClock(Date.parse('2026-11-21T10:00:15Z'));
  const server = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
  const router = testRouter({ deployments: [openAIDeployment(server, 'chat')], clock, ...options });
  const call = (user = 'alice') => rejectionOf(router.completion(ask, { user }));
  return { clock, server, router, call };
}

describe('limits set at run time', () => {
  it('an rpm set on a router without limits refuses the call past it in the minute, with a retry time', async () => {
    const { clock, server, router, call } = await limitedRouter();
    router.setLimit({ scope: 'user', id: 'alice', rpm: 2 });
    expect(await call()).toBeUndefined();
    expect(await call()).toBeUndefined();
    const error = await call();
    expect(error).toBeInstanceOf(CallerRateLimitError);
    expect(error).toMatchObject({ scope: 'user', scopeId: 'alice', limitName: 'rpm', limit: 2, retryAfterMs: 45_000 });
    expect(await call('bob')).toBeUndefined();
    expect(server.calls).toHaveLength(3);
    await clock.advance(45_000);
    expect(await call()).toBeUndefined();
  });

  it('changing the rpm keeps the calls the minute already counted', async () => {
    const { call, router } = await limitedRouter();
    router.setLimit({ scope: 'user', id: 'alice', rpm: 2 });
    await call();
    await call();
    router.setLimit({ scope: 'user', id: 'alice', rpm: 3 });
    expect(await call()).toBeUndefined();
    expect(await call()).toMatchObject({ limitName: 'rpm', limit: 3 });
    router.setLimit({ scope: 'user', id: 'alice', rpm: 2 });
    expect(await call()).toMatchObject({ limitName: 'rpm', limit: 2 });
  });

  it("replacing a limit of the options keeps the minute's count, and a named limit goes on from the scope-wide one's", async () => {
    const { call, router } = await limitedRouter({ limits: [{ scope: 'user', rpm: 2 }] });
    await call('alice');
    await call('alice');
    expect(await call('alice')).toMatchObject({ limit: 2 });
    router.setLimit({ scope: 'user', id: 'alice', rpm: 3 });
    expect(await call('alice')).toBeUndefined();
    expect(await call('alice')).toMatchObject({ limit: 3 });

    await call('bob');
    router.setLimit({ scope: 'user', rpm: 2 });
    expect(await call('bob')).toBeUndefined();
    expect(await call('bob')).toMatchObject({ scopeId: 'bob', limit: 2 });
  });

  it('a tpm set at run time counts the tokens used', async () => {
    const { call, router } = await limitedRouter();
    // Each call uses 20 tokens.
    router.setLimit({ scope: 'user', tpm: 40 });
    await call();
    expect(await call()).toBeUndefined();
    expect(await call()).toMatchObject({ limitName: 'tpm', limit: 40 });
    router.setLimit({ scope: 'user', tpm: 60 });
    expect(await call()).toBeUndefined();
  });

  it('removing a limit lifts it; removing the named one brings back the scope-wide one', async () => {
    const { call, router } = await limitedRouter({ limits: [{ scope: 'user', rpm: 1 }] });
    router.setLimit({ scope: 'user', id: 'alice', rpm: 5 });
    for (let i = 0; i < 3; i++) expect(await call()).toBeUndefined();
    expect(router.removeLimit({ scope: 'user', id: 'alice' })).toBe(true);
    expect(router.removeLimit({ scope: 'user', id: 'alice' })).toBe(false);
    expect(await call()).toMatchObject({ limit: 1 });
    expect(router.removeLimit({ scope: 'user' })).toBe(true);
    for (let i = 0; i < 3; i++) expect(await call()).toBeUndefined();
  });

  it('routers on one store count a limit in the same counters, whatever each set and removed before', async () => {
    const clock = new FakeClock(Date.parse('2026-11-21T10:00:15Z'));
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    const options = {
      deployments: [openAIDeployment(server, 'chat')],
      clock,
      state: new MemoryStateStore(),
      limits: [{ scope: 'user' as const, id: 'alice', rpm: 9 }],
    };
    const [first, second] = [testRouter(options), testRouter(options)];
    first.setLimit({ scope: 'user', id: 'alice', rpm: 3 });
    second.removeLimit({ scope: 'user', id: 'alice' });
    second.setLimit({ scope: 'user', id: 'alice', rpm: 3 });
    await first.completion(ask, { user: 'alice' });
    await second.completion(ask, { user: 'alice' });
    await first.completion(ask, { user: 'alice' });
    expect(await rejectionOf(second.completion(ask, { user: 'alice' }))).toMatchObject({ limitName: 'rpm', limit: 3 });
  });

  it('a global limit set at run time applies to every call', async () => {
    const { call, router } = await limitedRouter();
    router.setLimit({ scope: 'global', rpm: 1 });
    expect(await call('a')).toBeUndefined();
    expect(await call('b')).toMatchObject({ scope: 'global', limit: 1 });
    router.removeLimit({ scope: 'global' });
    expect(await call('b')).toBeUndefined();
  });
});
