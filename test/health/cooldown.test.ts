import { describe, expect, it } from 'vitest';
import { ContextWindowExceededError, InternalServerError, UnprocessableEntityError } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import type { RecordedCall } from '../support/mock-provider-server.js';
import { failing, json, ok, openAICompletion, openAIError, type MockReply } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';
import { firstCandidate } from '../support/strategy-fixtures.js';

describe('cooldowns and circuit breaking', () => {
  it('takes a deployment out after allowedFails consecutive failures and reports it in health()', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ flaky: failing(500), steady: ok() });
    const router = sameModelRouter(s, { clock, strategy: firstCandidate, retries: 0, cooldown: { allowedFails: 2, cooldownMs: 1_000 } });
    const events = record(router, 'cooldown');

    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(InternalServerError);
    expect(router.health()[0]).toMatchObject({ deploymentId: 'flaky', state: 'closed', consecutiveFailures: 1 });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(InternalServerError);

    expect(events.cooldown).toEqual([
      expect.objectContaining({ deploymentId: 'flaky', reason: 'InternalServerError', cooldownMs: 1_000, reopensAt: clock.now() + 1_000 }),
    ]);
    expect(router.health()[0]).toMatchObject({
      state: 'open',
      consecutiveFailures: 2,
      failures: 2,
      reopensAt: clock.now() + 1_000,
      reason: 'InternalServerError',
    });
    await router.completion({ model: 'm', messages: hi });
    expect(s.flaky.calls).toHaveLength(2);
  });

  it('takes a deployment out when its failure rate over the window passes failureRate', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ half: ok() });
    const replies = [ok(), failing(502), ok(), failing(502), ok(), failing(502)];
    s.half.reply(...replies);
    const router = sameModelRouter(s, { clock, retries: 0, cooldown: { allowedFails: 10, failureRate: 0.5, minRequests: 6, windowMs: 60_000 } });
    for (let i = 0; i < replies.length; i++) await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    expect(router.health()[0]).toMatchObject({ state: 'open', failureRate: 0.5 });
  });

  it('half-open lets exactly one probe through; its success closes the circuit and emits recovered', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ flaky: failing(500), steady: ok('steady') });
    const router = sameModelRouter(s, { clock, strategy: firstCandidate, retries: 0, cooldown: { allowedFails: 1, cooldownMs: 1_000 } });
    const events = record(router, 'recovered');
    await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    expect(router.health()[0]?.state).toBe('open');

    await clock.advance(1_000);
    expect(router.health()[0]?.state).toBe('half-open');
    s.flaky.setDefault({ kind: 'json', body: openAICompletion('probe'), delayMs: 50 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => router.completion({ model: 'm', messages: hi })));

    expect(s.flaky.calls).toHaveLength(2);
    expect(answers.filter((a) => a.choices[0]?.message.content === 'probe')).toHaveLength(1);
    expect(events.recovered).toEqual([expect.objectContaining({ deploymentId: 'flaky', downForMs: 1_000 })]);
    expect(router.health()[0]?.state).toBe('closed');
  });

  it('a failed probe reopens the circuit for twice as long, up to maxCooldownMs', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ down: failing(503), steady: ok() });
    const router = sameModelRouter(s, { clock, strategy: firstCandidate, retries: 0, cooldown: { allowedFails: 1, cooldownMs: 1_000, maxCooldownMs: 3_000 } });
    const events = record(router, 'cooldown');
    await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    for (const _ of [1, 2, 3]) {
      await clock.advance(events.cooldown.at(-1)?.cooldownMs ?? 0);
      await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    }
    expect(events.cooldown.map((e) => e.cooldownMs)).toEqual([1_000, 2_000, 3_000, 3_000]);
    expect(s.down.calls).toHaveLength(4);
  });

  it('a success of a call begun before the circuit opened does not close it', async () => {
    const clock = new FakeClock();
    // The slow call's answer is held until the other call has failed and opened the circuit.
    let releaseSlow: () => void = () => {};
    const slowAnswer = new Promise<MockReply>((resolve) => (releaseSlow = () => resolve(ok('slow but fine'))));
    const isSlow = (call: RecordedCall) => JSON.stringify(call.body).includes('slow');
    const s = await mockServers({ only: (call) => (isSlow(call) ? { kind: 'held', reply: slowAnswer } : failing(500)) });
    const router = sameModelRouter(s, { clock, retries: 0, cooldown: { allowedFails: 1 } });
    const events = record(router, 'recovered');
    const slow = router.completion({ model: 'm', messages: [{ role: 'user', content: 'slow' }] });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(InternalServerError);
    releaseSlow();
    await expect(slow).resolves.toMatchObject({ choices: [{ message: { content: 'slow but fine' } }] });
    expect(router.health()[0]).toMatchObject({ state: 'open', successes: 1, failures: 1 });
    expect(events.recovered).toHaveLength(0);
  });

  it('client-side errors never cool a deployment down', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ picky: failing(422) });
    s.picky.reply(
      failing(422),
      json(openAIError('maximum context length is 8192 tokens', 'invalid_request_error', 'context_length_exceeded'), 400),
      failing(422),
      failing(400),
    );
    const router = sameModelRouter(s, { clock, cooldown: { allowedFails: 1 } });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(UnprocessableEntityError);
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(ContextWindowExceededError);
    await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    expect(router.health()[0]).toMatchObject({ state: 'closed', failures: 0 });
    expect(s.picky.calls).toHaveLength(4);
  });

  it('cooldown.disabled keeps every deployment in rotation', async () => {
    const s = await mockServers({ only: failing(429) });
    const router = sameModelRouter(s, { retries: 0, cooldown: { disabled: true } });
    for (let i = 0; i < 3; i++) await router.completion({ model: 'm', messages: hi }).catch(() => undefined);
    expect(s.only.calls).toHaveLength(3);
    expect(router.health()[0]?.state).toBe('closed');
  });

  it('shares nothing between routers', async () => {
    const s = await mockServers({ only: failing(429) });
    const first = sameModelRouter(s, { retries: 0 });
    const second = sameModelRouter(s, { retries: 0 });
    await first.completion({ model: 'm', messages: hi }).catch(() => undefined);
    expect(first.health()[0]?.state).toBe('open');
    expect(second.health()[0]?.state).toBe('closed');
  });
});

describe('health() before any traffic', () => {
  it('lists every deployment as closed', async () => {
    const s = await mockServers({ a: json(openAICompletion('x')), b: json(openAICompletion('y')) });
    const router = sameModelRouter(s);
    expect(router.health().map((h) => [h.deploymentId, h.state, h.failures])).toEqual([
      ['a', 'closed', 0],
      ['b', 'closed', 0],
    ]);
  });
});
