import { describe, expect, it } from 'vitest';
import { InternalServerError, NoDeploymentAvailableError, RateLimitError, type Router, type RouterError, type RouterOptions } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import type { MockProviderServer, MockScript } from '../support/mock-provider-server.js';
import { failing, ok } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';
import { until } from '../support/until.js';

/** A 429 whose retry-after is `seconds`. */
const limited = (seconds: number) => failing(429, { 'retry-after': String(seconds) });

/** A router on the fake clock, one deployment per server, each its own model; `calls` lists every attempt as [deployment, ms since the start]. */
function routerOn(servers: Record<string, MockProviderServer>, clock: FakeClock, options: Omit<RouterOptions, 'deployments' | 'clock'> = {}) {
  const router = testRouter({
    timeoutMs: HOUR_MS,
    ...options,
    clock,
    deployments: Object.entries(servers).map(([id, server]) => openAIDeployment(server, id, { id })),
  });
  const startedAt = clock.now();
  const calls: Array<[string, number]> = [];
  router.on('request', (e) => void calls.push([e.deploymentId, clock.now() - startedAt]));
  return { router, calls, events: record(router, 'retry', 'fallback') };
}

const HOUR_MS = 3_600_000;

/** Timers due within a minute: waits. (The attempts' hour-long time limit keeps a timer of its own armed.) */
const waitsPending = (clock: FakeClock) => clock.dueIn().filter((ms) => ms <= 60_000);

/** Moves the clock on by `ms` once a wait of exactly that long is pending. */
async function advanceWhenDue(clock: FakeClock, ms: number): Promise<void> {
  await until(() => clock.dueIn().includes(ms));
  await clock.advance(ms);
}

async function outcome(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => value,
    (error: unknown) => error,
  );
}

/** Model 'a' answering `aReplies`, then `aDefault`, falling back to model 'b', which a 429 has cooled down for `bCoolsForS` seconds. */
async function withCoolingFallback(
  clock: FakeClock,
  aReplies: MockScript[],
  aDefault: MockScript,
  bCoolsForS: number,
  options: Omit<RouterOptions, 'deployments' | 'clock'> = {},
) {
  const s = await mockServers({ a: aDefault, b: ok('from b') });
  s.a.reply(...aReplies);
  s.b.reply(limited(bCoolsForS));
  const routed = routerOn(s, clock, { fallbacks: { a: ['b'] }, ...options });
  await expect(routed.router.completion({ model: 'b', messages: hi }, { retries: 0 })).rejects.toBeInstanceOf(RateLimitError);
  return routed;
}

function ask(router: Router, model: string) {
  const call = router.completion({ model, messages: hi });
  call.catch(() => undefined);
  return call;
}

describe('a retry never sleeps when nothing can be free at its end', () => {
  it('one deployment answering 429 with retry-after: 3: one retry after 3 s, then at once the real 6 s wait, calling nobody after it', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ m: limited(3) });
    const { router, calls, events } = routerOn(s, clock);

    const call = ask(router, 'm');
    await advanceWhenDue(clock, 3_000);
    const error = await outcome(call);

    expect(calls).toEqual([
      ['m', 0],
      ['m', 3_000],
    ]);
    expect(events.retry.map((e) => e.delayMs)).toEqual([3_000]);
    expect(error).toBeInstanceOf(NoDeploymentAvailableError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 6_000 });
    expect((error as Error).message).toBe(
      "No deployment of model 'm' is free for 6000 ms, longer than this call may wait (maxWaitMs); the last attempt failed with RateLimitError",
    );
    expect((error as RouterError).cause).toBeInstanceOf(RateLimitError);
    expect((error as RouterError).attempts?.map((a) => a.status)).toEqual([429, 429]);
    expect(waitsPending(clock)).toEqual([]);
    expect(router.health()[0]).toMatchObject({ state: 'open', reopensAt: clock.now() + 6_000 });
  });

  it('waits until the deployment frees up, and calls it, when maxWaitMs covers the longer wait', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ m: ok('third time') });
    s.m.reply(limited(3), limited(3));
    const { router, calls, events } = routerOn(s, clock, { maxWaitMs: 3_000 });

    const call = ask(router, 'm');
    await advanceWhenDue(clock, 3_000);
    await advanceWhenDue(clock, 6_000);

    expect(await call).toMatchObject({ choices: [{ message: { content: 'third time' } }] });
    expect(calls).toEqual([
      ['m', 0],
      ['m', 3_000],
      ['m', 9_000],
    ]);
    expect(events.retry.map((e) => e.delayMs)).toEqual([3_000, 6_000]);
  });

  it('does not wait past the deadline: fails at once when the deployment frees up after it', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ m: limited(3) });
    const { router, calls } = routerOn(s, clock, { maxWaitMs: 60_000 });

    const call = router.completion({ model: 'm', messages: hi }, { deadlineMs: 8_000 });
    call.catch(() => undefined);
    await advanceWhenDue(clock, 3_000);

    expect(await outcome(call)).toMatchObject({ name: 'NoDeploymentAvailableError', retryAfterMs: 6_000 });
    expect(calls.map(([, at]) => at)).toEqual([0, 3_000]);
  });

  it('a 500 that cools the only deployment down ends the call at once in its InternalServerError, without backing off to nobody', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ m: failing(500) });
    const { router, calls, events } = routerOn(s, clock, { cooldown: { allowedFails: 1 } });

    const error = await outcome(ask(router, 'm'));

    expect(error).toBeInstanceOf(InternalServerError);
    expect(calls).toEqual([['m', 0]]);
    expect(events.retry).toEqual([]);
    expect(waitsPending(clock)).toEqual([]);
  });
});

describe('a retry wait looks at the fallbacks too', () => {
  it('falls back at once when the group cannot be free by the end of the wait and a fallback is free now', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ a: limited(3), b: ok('from b') });
    const { router, calls, events } = routerOn(s, clock, { fallbacks: { a: ['b'] } });

    const call = ask(router, 'a');
    await advanceWhenDue(clock, 3_000);

    expect(await call).toMatchObject({ choices: [{ message: { content: 'from b' } }] });
    expect(calls).toEqual([
      ['a', 0],
      ['a', 3_000],
      ['b', 3_000],
    ]);
    expect(events.retry).toHaveLength(1);
    expect(events.fallback.map((e) => [e.from, e.to])).toEqual([['a', 'b']]);
  });

  it('a call to a cooling group goes to a free fallback at once rather than wait for the group within maxWaitMs', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ a: limited(3), b: ok('from b') });
    const { router, calls } = routerOn(s, clock, { fallbacks: { a: ['b'] }, maxWaitMs: 10_000 });
    await expect(router.completion({ model: 'a', messages: hi }, { retries: 0, noFallbacks: true })).rejects.toBeInstanceOf(RateLimitError);

    expect(await router.completion({ model: 'a', messages: hi })).toMatchObject({ choices: [{ message: { content: 'from b' } }] });
    expect(calls).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });

  it('fails at once with the soonest time either frees up when the fallback is cooling down too, announcing no fallback', async () => {
    const clock = new FakeClock();
    const { router, calls, events } = await withCoolingFallback(clock, [], limited(3), 20);

    const call = ask(router, 'a');
    await advanceWhenDue(clock, 3_000);
    const error = await outcome(call);

    expect(error).toMatchObject({ name: 'NoDeploymentAvailableError', retryAfterMs: 6_000 });
    expect((error as Error).message).toMatch(/^No deployment of model 'a' or its fallbacks \(b\) is free for 6000 ms/);
    expect(calls.map(([id]) => id)).toEqual(['b', 'a', 'a']);
    expect(events.fallback).toEqual([]);
    expect(waitsPending(clock)).toEqual([]);
  });

  it.each([
    { first: 'a, the group itself', aReplies: [limited(3), limited(3)], aDefault: ok('from a'), bCoolsForS: 20, waitMs: 6_000, served: ['a', 9_000] },
    { first: 'b, the fallback', aReplies: [], aDefault: limited(3), bCoolsForS: 5, waitMs: 2_000, served: ['b', 5_000] },
  ])('within maxWaitMs, waits for whichever frees up first: $first', async ({ aReplies, aDefault, bCoolsForS, waitMs, served }) => {
    const clock = new FakeClock();
    const { router, calls, events } = await withCoolingFallback(clock, aReplies, aDefault, bCoolsForS, { maxWaitMs: 10_000 });

    const call = ask(router, 'a');
    await advanceWhenDue(clock, 3_000);
    await advanceWhenDue(clock, waitMs);

    expect(await call).toMatchObject({ choices: [{ message: { content: `from ${served[0]}` } }] });
    expect(calls).toEqual([['b', 0], ['a', 0], ['a', 3_000], served]);
    expect(events.retry.map((e) => e.delayMs)).toEqual(served[0] === 'a' ? [3_000, 6_000] : [3_000]);
  });
});
