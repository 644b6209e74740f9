import { describe, expect, it } from 'vitest';
import { StreamInterruptedError, TimeoutError, type ChatMessage, type CompletionOptions, type RouterOptions } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import { FakeClock, settle } from '../support/fake-clock.js';
import { failing, openAIStreamEvents, sse } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';
import { firstCandidate } from '../support/strategy-fixtures.js';
import { collect, textOf } from '../support/streams.js';
import { until } from '../support/until.js';
const cutAfter = (pieces: string[], kept: number) => openAIStreamEvents(pieces).slice(0, 1 + kept);

const HOUR_MS = 3_600_000;

/**
 * A stream that sends 'Hel' and then nothing while its connection stays open, read on a
 * fake clock (every limit here is an hour or more: no real waiting would do).
 */
async function stalledStream(routerOptions: Pick<RouterOptions, 'streamIdleTimeoutMs'>, requestOptions: CompletionOptions) {
  const clock = new FakeClock();
  const s = await mockServers({ stalls: sse(cutAfter(['Hel', 'lo'], 1), { end: 'stall' }) });
  const router = sameModelRouter(s, { ...routerOptions, clock, retries: 0 });
  const stream = await router.completion({ model: 'm', messages: hi, stream: true }, requestOptions);
  let ended = false;
  const error = rejectionOf(collect(stream)).finally(() => (ended = true));
  return { clock, error, ended: () => ended };
}

describe('stream failover', () => {
  it('fails over transparently before the first content: the caller sees one clean stream', async () => {
    const brokenStarts = {
      status: failing(503),
      inBand: sse([{ error: { message: 'overloaded', type: 'server_error', code: null } }]),
      cutBeforeContent: sse(cutAfter(['x'], 0), { end: 'destroy' }),
      roleOnlyThenClose: sse(cutAfter(['x'], 0), { end: 'close' }),
    };
    for (const [name, reply] of Object.entries(brokenStarts)) {
      const s = await mockServers({ broken: reply, healthy: sse(openAIStreamEvents(['Hello', ' world'])) });
      const router = sameModelRouter(s, { strategy: firstCandidate });
      const events = record(router, 'success', 'retry');

      const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true }));

      expect(textOf(chunks), name).toBe('Hello world');
      expect(
        chunks.filter((c) => c.choices[0]?.delta.role === 'assistant'),
        name,
      ).toHaveLength(1);
      expect(events.retry[0]?.deploymentId, name).toBe('broken');
      expect(events.success[0], name).toMatchObject({ deploymentId: 'healthy', attempts: 2, completed: true });
    }
  });

  it('after content, a broken stream throws StreamInterruptedError with the partial text by default', async () => {
    const s = await mockServers({ cut: sse(cutAfter(['Hello', ' wor', 'ld'], 2), { end: 'destroy' }), other: sse(openAIStreamEvents(['unused'])) });
    const router = sameModelRouter(s, { strategy: firstCandidate });
    const events = record(router, 'failure');
    const stream = await router.completion({ model: 'm', messages: hi, stream: true });
    const error = await collect(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('Hello wor');
    expect(events.failure[0]).toMatchObject({ deploymentId: 'cut', error });
    expect(s.other.calls).toHaveLength(0);
  });

  it('midStreamFallback continues on another deployment with the partial text as the assistant prefix, merging usage', async () => {
    const s = await mockServers({
      cut: sse(cutAfter(['The quick', ' brown'], 2), { end: 'destroy' }),
      rescue: sse(openAIStreamEvents([' fox jumps.'], { prompt_tokens: 30, completion_tokens: 4 })),
    });
    const router = sameModelRouter(s, { strategy: firstCandidate, midStreamFallback: true });
    const events = record(router, 'success');

    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true, stream_options: { include_usage: true } }));

    expect(textOf(chunks)).toBe('The quick brown fox jumps.');
    const sent = (s.rescue.calls[0]?.body as { messages: ChatMessage[] }).messages;
    expect(sent.at(-1)).toEqual({ role: 'assistant', content: 'The quick brown' });
    expect(sent.at(-2)?.role).toBe('system');
    expect(chunks.filter((c) => c.choices[0]?.delta.role === 'assistant')).toHaveLength(1);
    const usage = chunks.at(-1)?.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(30);
    expect(usage?.completion_tokens).toBeGreaterThan(4);
    expect(events.success[0]).toMatchObject({ deploymentId: 'rescue', completed: true, usage });
  });

  it("a request's midStreamFallback beats the router's, either way", async () => {
    const cutThenRescue = () => mockServers({ cut: sse(cutAfter(['The quick', ' brown'], 2), { end: 'destroy' }), rescue: sse(openAIStreamEvents([' fox.'])) });
    const off = await cutThenRescue();
    const routerOff = sameModelRouter(off, { strategy: firstCandidate });
    expect(textOf(await collect(await routerOff.completion({ model: 'm', messages: hi, stream: true }, { midStreamFallback: true })))).toBe(
      'The quick brown fox.',
    );

    const on = await cutThenRescue();
    const routerOn = sameModelRouter(on, { strategy: firstCandidate, midStreamFallback: true });
    const stream = await routerOn.completion({ model: 'm', messages: hi, stream: true }, { midStreamFallback: false });
    expect(await rejectionOf(collect(stream))).toMatchObject({ name: 'StreamInterruptedError', partialText: 'The quick brown' });
    expect(on.rescue.calls).toHaveLength(0);
  });

  it("a stall past streamIdleTimeoutMs ends the stream with what it sent; a request's own limit beats the router's, either way", async () => {
    const cases: Array<[router: number, request: number | undefined, applies: number]> = [
      [HOUR_MS, undefined, HOUR_MS],
      [2 * HOUR_MS, HOUR_MS, HOUR_MS],
      [HOUR_MS, 2 * HOUR_MS, 2 * HOUR_MS],
    ];
    for (const [routerIdleMs, requestIdleMs, applies] of cases) {
      const stalled = await stalledStream({ streamIdleTimeoutMs: routerIdleMs }, requestIdleMs === undefined ? {} : { streamIdleTimeoutMs: requestIdleMs });
      await stalled.clock.advance(applies - 1);
      await settle();
      expect(stalled.ended(), `router ${routerIdleMs}, request ${requestIdleMs}`).toBe(false);
      await stalled.clock.advance(1);
      await until(stalled.ended);
      expect(await stalled.error).toMatchObject({ name: 'StreamInterruptedError', partialText: 'Hel' });
      expect(((await stalled.error) as StreamInterruptedError).cause).toSatisfy(
        (cause) => cause instanceof TimeoutError && cause.message.endsWith(`after ${applies} ms (streamIdleTimeoutMs)`),
      );
    }
  });

  it('deadlineMs ends a stream still open at the deadline, before its idle limit', async () => {
    const stalled = await stalledStream({ streamIdleTimeoutMs: 2 * HOUR_MS }, { deadlineMs: HOUR_MS });
    await stalled.clock.advance(HOUR_MS - 1);
    await settle();
    expect(stalled.ended()).toBe(false);
    await stalled.clock.advance(1);
    await until(stalled.ended);
    expect(await stalled.error).toMatchObject({ name: 'StreamInterruptedError', partialText: 'Hel' });
    expect(((await stalled.error) as StreamInterruptedError).cause).toSatisfy(
      (cause) => cause instanceof TimeoutError && cause.message.endsWith('(deadlineMs)'),
    );
  });

  it('a stream failure mid-way counts against the deployment', async () => {
    const s = await mockServers({ cut: sse(cutAfter(['a', 'b'], 1), { end: 'destroy' }) });
    const router = sameModelRouter(s, { cooldown: { allowedFails: 1 } });
    await collect(await router.completion({ model: 'm', messages: hi, stream: true })).catch(() => undefined);
    expect(router.health()[0]).toMatchObject({ state: 'open', reason: 'APIConnectionError' });
  });

  it('a caller that stops reading still gets a success event and frees the deployment', async () => {
    const s = await mockServers({ long: sse(openAIStreamEvents(Array.from({ length: 40 }, (_, i) => `t${i} `)), { eventDelayMs: 2 }) });
    const router = sameModelRouter(s);
    const events = record(router, 'success');
    const stream = await router.completion({ model: 'm', messages: hi, stream: true });
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content === 't2 ') break;
    expect(events.success[0]).toMatchObject({ completed: false, deploymentId: 'long' });
    expect(router.health()[0]).toMatchObject({ state: 'closed', failures: 0 });
  });
});
