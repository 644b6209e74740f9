import { describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError, Router, StreamInterruptedError, TimeoutError, type FailureEvent, type SuccessEvent } from 'switchyard';
import { afterThisTest, collect, hi, mockServer, textOf, until } from '../support/helpers.js';
import { json, openAIError, openAIStreamEvents, sse } from '../support/mock-replies.js';

async function streamingRouter(url: string) {
  const router = new Router({ retries: 0, deployments: [{ model: 'gpt', provider: 'openai', apiKey: 'sk-test-000000', baseUrl: url, pricing: { inputPerMTok: 1, outputPerMTok: 2 } }] });
  afterThisTest(() => router.close());
  const successes: SuccessEvent[] = [];
  const failures: FailureEvent[] = [];
  router.on('success', (e) => void successes.push(e));
  router.on('failure', (e) => void failures.push(e));
  return { router, successes, failures };
}

const pieces = Array.from({ length: 50 }, (_, i) => `w${i} `);

describe('streaming', () => {
  it('throws the mapped error from the await when the provider refuses before streaming', async () => {
    const server = await mockServer(json(openAIError('slow down', 'requests'), 429, { 'retry-after': '1' }));
    const { router, failures } = await streamingRouter(server.url);
    const error = await router.completion({ model: 'gpt', messages: hi, stream: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(failures[0]).toMatchObject({ stream: true, error });
  });

  it('releases the connection when the caller breaks out, and still reports success with what was known', async () => {
    const server = await mockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 5 }));
    const { router, successes } = await streamingRouter(server.url);

    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    let received = 0;
    for await (const _chunk of stream) {
      if (++received === 3) break;
    }

    expect(successes).toHaveLength(1);
    expect(successes[0]).toMatchObject({ completed: false, stream: true });
    expect(successes[0]?.ttftMs).toBeGreaterThan(0);
    await until(() => server.openSockets === 0);
  });

  it('aborting the signal mid-stream stops it with the abort reason and releases the connection', async () => {
    const server = await mockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 5 }));
    const { router, failures } = await streamingRouter(server.url);
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
    expect(failures[0]?.error).toBe(reason);
    await until(() => server.openSockets === 0);
  });

  it('a stream that ends without finishing throws StreamInterruptedError with the partial text', async () => {
    const events = openAIStreamEvents(['Hello ', 'wor']).slice(0, 3);
    const server = await mockServer(sse(events, { end: 'close' }));
    const { router, failures } = await streamingRouter(server.url);

    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    const error = await collect(stream).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('Hello wor');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.error).toBe(error);
  });

  it('a socket cut mid-stream throws StreamInterruptedError', async () => {
    const events = openAIStreamEvents(['Hello ', 'wor']).slice(0, 3);
    const server = await mockServer(sse(events, { end: 'destroy' }));
    const { router } = await streamingRouter(server.url);
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    const error = await collect(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('Hello wor');
  });

  it('an in-band error event before any content fails the call itself, before a stream is handed over', async () => {
    const server = await mockServer(sse([{ error: { message: 'The server had an error', type: 'server_error', code: null } }]));
    const { router } = await streamingRouter(server.url);
    const error = await router.completion({ model: 'gpt', messages: hi, stream: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toContain('The server had an error');
  });

  it('an in-band error after content is a StreamInterruptedError caused by it', async () => {
    const events = [...openAIStreamEvents(['Partial']).slice(0, 2), { error: { message: 'overloaded', type: 'server_error', code: '529' } }];
    const server = await mockServer(sse(events));
    const { router } = await streamingRouter(server.url);
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    const error = await collect(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(InternalServerError);
    expect((error as StreamInterruptedError).partialText).toBe('Partial');
  });

  it('a malformed chunk is a failure, not a silent end', async () => {
    const events = [...openAIStreamEvents(['ok']).slice(0, 2), '{not json'];
    const server = await mockServer(sse(events));
    const { router } = await streamingRouter(server.url);
    const error = await collect(await router.completion({ model: 'gpt', messages: hi, stream: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(InternalServerError);
  });

  it('the attempt timeout bounds the wait for headers only', async () => {
    const slowHeaders = await mockServer(sse(openAIStreamEvents(['x']), { delayMs: 500 }));
    const { router } = await streamingRouter(slowHeaders.url);
    await expect(router.completion({ model: 'gpt', messages: hi, stream: true }, { timeoutMs: 30 })).rejects.toBeInstanceOf(TimeoutError);

    const slowBody = await mockServer(sse(openAIStreamEvents(['a', 'b', 'c']), { eventDelayMs: 40 }));
    const second = await streamingRouter(slowBody.url);
    const chunks = await collect(await second.router.completion({ model: 'gpt', messages: hi, stream: true }, { timeoutMs: 30 }));
    expect(textOf(chunks)).toBe('abc');
  });

  it('a stream can be iterated only once', async () => {
    const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
    const stream = await router.completion({ model: 'm', messages: hi, stream: true });
    await collect(stream);
    await expect(collect(stream)).rejects.toThrow(/only once/);
  });
});
