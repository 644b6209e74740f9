import { describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError, Router, StreamInterruptedError, TimeoutError } from 'switchyard';
import { FakeClock } from '../support/fake-clock.js';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import type { MockProviderServer } from '../support/mock-provider-server.js';
import { json, openAIError, openAIStreamEvents, sse } from '../support/mock-replies.js';
import { routerOnMockServer } from '../support/routers.js';
import { collect, textOf } from '../support/streams.js';
import { until } from '../support/until.js';

const gpt = (server: MockProviderServer) => openAIDeployment(server, 'gpt', { pricing: { inputPerMTok: 1, outputPerMTok: 2 } });

const pieces = Array.from({ length: 50 }, (_, i) => `w${i} `);

describe('streaming', () => {
  it('throws the mapped error from the await when the provider refuses before streaming', async () => {
    const { router } = await routerOnMockServer(json(openAIError('slow down', 'requests'), 429, { 'retry-after': '1' }), gpt, { retries: 0 });
    const events = record(router, 'failure');
    const error = await router.completion({ model: 'gpt', messages: hi, stream: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(events.failure[0]).toMatchObject({ stream: true, error });
  });

  it('releases the connection when the caller breaks out, and still reports success with what was known', async () => {
    const { server, router } = await routerOnMockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 5 }), gpt, { retries: 0 });
    const events = record(router, 'success');

    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    let received = 0;
    for await (const _chunk of stream) {
      if (++received === 3) break;
    }

    expect(events.success).toHaveLength(1);
    expect(events.success[0]).toMatchObject({ completed: false, stream: true });
    expect(events.success[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    await until(() => server.openSockets === 0);
  });

  it('aborting the signal mid-stream stops it with the abort reason and releases the connection', async () => {
    const { server, router } = await routerOnMockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 5 }), gpt, { retries: 0 });
    const events = record(router, 'failure');
    const controller = new AbortController();
    const reason = new Error('caller gone');

    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    const outcome = (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? '');
        if (seen.length === 3) controller.abort(reason);
      }
    })();

    await expect(outcome).rejects.toBe(reason);
    expect(events.failure[0]?.error).toBe(reason);
    await until(() => server.openSockets === 0);
  });

  it('a stream that ends without finishing throws StreamInterruptedError with the partial text', async () => {
    const events = openAIStreamEvents(['Hello ', 'wor']).slice(0, 3);
    const { router } = await routerOnMockServer(sse(events, { end: 'close' }), gpt, { retries: 0 });
    const { failure } = record(router, 'failure');

    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    const error = await collect(stream).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('Hello wor');
    expect(failure).toHaveLength(1);
    expect(failure[0]?.error).toBe(error);
  });

  it('a socket cut mid-stream throws StreamInterruptedError', async () => {
    const events = openAIStreamEvents(['Hello ', 'wor']).slice(0, 3);
    const { router } = await routerOnMockServer(sse(events, { end: 'destroy' }), gpt, { retries: 0 });
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    const error = await collect(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('Hello wor');
  });

  it('an in-band error event before any content fails the call itself, before a stream is handed over', async () => {
    const { router } = await routerOnMockServer(sse([{ error: { message: 'The server had an error', type: 'server_error', code: null } }]), gpt, {
      retries: 0,
    });
    const error = await router.completion({ model: 'gpt', messages: hi, stream: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toContain('The server had an error');
  });

  it('an in-band error after content is a StreamInterruptedError caused by it', async () => {
    const events = [...openAIStreamEvents(['Partial']).slice(0, 2), { error: { message: 'overloaded', type: 'server_error', code: '529' } }];
    const { router } = await routerOnMockServer(sse(events), gpt, { retries: 0 });
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    const error = await collect(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(InternalServerError);
    expect((error as StreamInterruptedError).partialText).toBe('Partial');
  });

  it('a malformed chunk is a failure, not a silent end', async () => {
    const events = [...openAIStreamEvents(['ok']).slice(0, 2), '{not json'];
    const { router } = await routerOnMockServer(sse(events), gpt, { retries: 0 });
    const error = await collect(await router.completion({ model: 'gpt', messages: hi, stream: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(InternalServerError);
  });

  it('the attempt timeout bounds the wait for headers only', async () => {
    const { router } = await routerOnMockServer(sse(openAIStreamEvents(['x']), { delayMs: 500 }), gpt, { retries: 0 });
    await expect(router.completion({ model: 'gpt', messages: hi, stream: true }, { timeoutMs: 30 })).rejects.toBeInstanceOf(TimeoutError);

    const clock = new FakeClock();
    const second = await routerOnMockServer(sse(openAIStreamEvents(['a', 'b', 'c'])), gpt, { retries: 0, clock });
    const stream = await second.router.completion({ model: 'gpt', messages: hi, stream: true }, { timeoutMs: 30_000 });
    await clock.advance(60_000);
    expect(textOf(await collect(stream))).toBe('abc');
  });

  it('a stream can be iterated only once', async () => {
    const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
    const stream = await router.completion({ model: 'm', messages: hi, stream: true });
    await collect(stream);
    await expect(collect(stream)).rejects.toThrow(/only once/);
  });
});
