import { describe, expect, it } from 'vitest';
import { NoDeploymentAvailableError, RateLimitError, TimeoutError, type Router, type RouterOptions } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { FakeClock, settle } from '../support/fake-clock.js';
import type { MockProviderServer, MockScript } from '../support/mock-provider-server.js';
import { json, openAICompletion, openAIError, openAIStreamEvents, sse, type MockReply } from '../support/mock-replies.js';
import { record } from '../support/events.js';
import { collect } from '../support/streams.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';
import { until } from '../support/until.js';

const HOUR_MS = 3_600_000;

/** Every time in these tests is an hour or more: waiting for real would blow the test's time limit many times over. */
function routerOn(server: MockProviderServer, clock: FakeClock, options: Omit<RouterOptions, 'deployments' | 'clock'> = {}): Router {
  return testRouter({ ...options, clock, deployments: [openAIDeployment(server, 'm', { id: 'only' })] });
}

/** Resolves once the clock holds a timer due exactly `ms` from now. */
const timerDueIn = (clock: FakeClock, ms: number) => until(() => clock.dueIn().includes(ms));

describe('a router on a fake clock', () => {
  it('times an attempt out when the clock passes timeoutMs, with no real waiting', async () => {
    const server = await mockServer({ kind: 'hang' });
    const clock = new FakeClock();
    const call = routerOn(server, clock, { timeoutMs: HOUR_MS, retries: 0 }).completion({ model: 'm', messages: hi });
    call.catch(() => {});
    await until(() => server.calls.length === 1);
    await clock.advance(HOUR_MS - 1);
    await settle();
    expect(server.calls).toHaveLength(1);
    await clock.advance(1);
    await expect(call).rejects.toSatisfy((e) => e instanceof TimeoutError && /timeoutMs/.test(e.message));
  });

  it('ends the whole call at its deadlineMs, retries included', async () => {
    const server = await mockServer({ kind: 'hang' });
    const clock = new FakeClock();
    const router = routerOn(server, clock, { timeoutMs: 10 * HOUR_MS });
    const call = router.completion({ model: 'm', messages: hi }, { deadlineMs: 2 * HOUR_MS });
    call.catch(() => {});
    await until(() => server.calls.length === 1);
    await clock.advance(2 * HOUR_MS);
    await expect(call).rejects.toSatisfy((e) => e instanceof TimeoutError && /deadlineMs/.test(e.message));
  });

  it('waits out a retry backoff on the clock', async () => {
    const server = await mockServer(json(openAICompletion('second try')));
    server.reply(json(openAIError('busy', 'server_error'), 503));
    const clock = new FakeClock();
    const router = routerOn(server, clock, { retries: { max: 1, minDelayMs: HOUR_MS, maxDelayMs: HOUR_MS } });
    const delays: number[] = [];
    router.on('retry', (e) => delays.push(e.delayMs));
    const call = router.completion({ model: 'm', messages: hi });
    await until(() => delays.length === 1);
    await settle();
    expect(server.calls).toHaveLength(1);
    await clock.advance(delays[0]!);
    await expect(call).resolves.toMatchObject({ choices: [{ message: { content: 'second try' } }] });
    expect(server.calls).toHaveLength(2);
  });

  it('waits for a cooling group within maxWaitMs on the clock, and not beyond it', async () => {
    const server = await mockServer(json(openAICompletion('after the wait')));
    server.reply(json(openAIError('slow down', 'rate_limit_error'), 429, { 'retry-after': String(HOUR_MS / 1_000) }));
    const clock = new FakeClock();
    const router = routerOn(server, clock, { retries: 0 });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(RateLimitError);

    await expect(router.completion({ model: 'm', messages: hi }, { maxWaitMs: HOUR_MS - 1 })).rejects.toBeInstanceOf(NoDeploymentAvailableError);
    const waiting = router.completion({ model: 'm', messages: hi }, { maxWaitMs: HOUR_MS });
    await timerDueIn(clock, HOUR_MS);
    expect(server.calls).toHaveLength(1);
    await clock.advance(HOUR_MS);
    await expect(waiting).resolves.toMatchObject({ choices: [{ message: { content: 'after the wait' } }] });
  });

  it("a request's maxWaitMs beats the router's: 0 fails at once where the router would wait", async () => {
    const server = await mockServer(json(openAICompletion('after the wait')));
    server.reply(json(openAIError('slow down', 'rate_limit_error'), 429, { 'retry-after': String(HOUR_MS / 1_000) }));
    const clock = new FakeClock();
    const router = routerOn(server, clock, { retries: 0, maxWaitMs: HOUR_MS });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(RateLimitError);

    await expect(router.completion({ model: 'm', messages: hi }, { maxWaitMs: 0 })).rejects.toMatchObject({
      name: 'NoDeploymentAvailableError',
      retryAfterMs: HOUR_MS,
    });
    const waiting = router.completion({ model: 'm', messages: hi });
    await timerDueIn(clock, HOUR_MS);
    expect(server.calls).toHaveLength(1);
    await clock.advance(HOUR_MS);
    await expect(waiting).resolves.toMatchObject({ choices: [{ message: { content: 'after the wait' } }] });
  });

  it('reports latency and time to first token in clock time', async () => {
    let release: (() => void) | undefined;
    const held =
      (reply: MockReply): MockScript =>
      () => ({ kind: 'held', reply: new Promise((resolve) => (release = () => resolve(reply))) });
    const server = await mockServer();
    server.reply(held(json(openAICompletion('ok'))), held(sse(openAIStreamEvents(['a', 'b']))));
    const clock = new FakeClock();
    const router = routerOn(server, clock);
    const events = record(router, 'success');

    const call = router.completion({ model: 'm', messages: hi });
    await until(() => release !== undefined);
    await clock.advance(1_234);
    release!();
    await call;

    release = undefined;
    const streaming = router.completion({ model: 'm', messages: hi, stream: true });
    await until(() => release !== undefined);
    await clock.advance(250);
    release!();
    await collect(await streaming);

    expect(events.success.map((e) => [e.latencyMs, e.ttftMs])).toEqual([
      [1_234, undefined],
      [250, 250],
    ]);
  });
});
