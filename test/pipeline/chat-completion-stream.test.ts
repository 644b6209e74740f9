import { ChatCompletionStream as OpenAIChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError, Router, StreamInterruptedError, TimeoutError, type ChatCompletionChunk } from 'switchyard';
import { FakeClock } from '../support/fake-clock.js';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import type { MockProviderServer } from '../support/mock-provider-server.js';
import { anthropicTextStream, json, openAIError, openAIStreamEvents, sse } from '../support/mock-replies.js';
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

  it('tells its requestId, as the events give it, and the deployment serving it', async () => {
    const { router } = await routerOnMockServer(sse(openAIStreamEvents(['ok'])), gpt, { retries: 0 });
    const events = record(router, 'request', 'success');
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    await collect(stream);
    expect(stream.requestId).toBe(events.success[0]?.requestId);
    expect(stream.requestId).toBe(events.request[0]?.requestId);
    expect(stream.deploymentId).toBe(router.deployments()[0]?.id);
  });
});

const claude = (server: MockProviderServer) => ({ model: 'claude', provider: 'anthropic', apiKey: 'sk-ant-test', baseUrl: server.url });

/** Each provider's usage as it sends it: OpenAI in a chunk of its own, Anthropic on the finishing chunk, mock without HTTP. */
const usageSenders = {
  openai: () =>
    routerOnMockServer(sse(openAIStreamEvents(['Hel', 'lo'], { prompt_tokens: 9, completion_tokens: 2 })), (server) => ({ ...gpt(server), model: 'm' })),
  anthropic: () =>
    routerOnMockServer(sse(anthropicTextStream(['Hel', 'lo'], { input_tokens: 9, output_tokens: 2 }), { namedEvents: true }), (server) => ({
      ...claude(server),
      model: 'm',
    })),
  mock: async () => ({
    router: new Router({ deployments: [{ model: 'm', provider: 'mock', params: { content: 'Hel lo', usage: { prompt_tokens: 9, completion_tokens: 2 } } }] }),
  }),
};

describe('stream usage, the same for every provider', () => {
  it('with stream_options.include_usage: one closing chunk with choices: [] carries the usage, as OpenAI sends it', async () => {
    for (const [provider, build] of Object.entries(usageSenders)) {
      const { router } = await build();
      const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true, stream_options: { include_usage: true } }));
      expect(chunks.at(-1), provider).toMatchObject({
        object: 'chat.completion.chunk',
        choices: [],
        usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
      });
      expect(chunks.at(-1)?.id, provider).toBe(chunks[0]?.id);
      expect(
        chunks.slice(0, -1).filter((chunk) => chunk.usage),
        provider,
      ).toEqual([]);
    }
  });

  it('without it: no chunk carries usage, though the router still knows it', async () => {
    for (const [provider, build] of Object.entries(usageSenders)) {
      const { router } = await build();
      const events = record(router, 'success');
      const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true }));
      expect(
        chunks.filter((chunk) => chunk.usage || chunk.choices.length === 0),
        provider,
      ).toEqual([]);
      expect(chunks.at(-1)?.choices[0]?.finish_reason, provider).toBe('stop');
      expect(events.success[0]?.usage, provider).toMatchObject({ prompt_tokens: 9, completion_tokens: 2 });
    }
  });
});

/** Every chunk a byte stream of JSON lines holds. */
async function linesOf(readable: ReadableStream<Uint8Array>): Promise<ChatCompletionChunk[]> {
  const text = await new Response(readable).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ChatCompletionChunk);
}

describe('toReadableStream()', () => {
  it("gives the chunks as JSON lines, which openai-node's ChatCompletionStream.fromReadableStream() reads into the same answer", async () => {
    const events = openAIStreamEvents(['Hel', 'lo', '!'], { prompt_tokens: 10, completion_tokens: 3 });
    const request = { model: 'gpt', messages: hi, stream: true as const, stream_options: { include_usage: true } };
    const { router } = await routerOnMockServer(sse(events), gpt, { retries: 0 });
    const reference = await collect(await (await routerOnMockServer(sse(events), gpt, { retries: 0 })).router.completion(request));

    const stream = await router.completion(request);
    const readable = stream.toReadableStream();
    const [ours, theirs] = readable.tee();
    expect(await linesOf(ours)).toEqual(reference);
    const openAIAnswer = await OpenAIChatCompletionStream.fromReadableStream(theirs).finalChatCompletion();

    // openai-node adds its own `parsed: null` beside the message's fields.
    expect(openAIAnswer).toMatchObject(await stream.finalChatCompletion());
    expect(openAIAnswer.choices[0]?.message.content).toBe('Hello!');
  });

  it('a failed stream errors the readable stream with the typed error', async () => {
    const events = [...openAIStreamEvents(['Partial']).slice(0, 2), { error: { message: 'overloaded', type: 'server_error', code: '529' } }];
    const { router } = await routerOnMockServer(sse(events), gpt, { retries: 0 });
    const readable = (await router.completion({ model: 'gpt', messages: hi, stream: true })).toReadableStream();
    expect(await linesOf(readable).catch((e: unknown) => e)).toBeInstanceOf(StreamInterruptedError);
  });

  it('cancelling it stops the stream as breaking out of a loop does: the connection is let go', async () => {
    const { server, router } = await routerOnMockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 5 }), gpt, { retries: 0 });
    const events = record(router, 'success');
    const reader = (await router.completion({ model: 'gpt', messages: hi, stream: true })).toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    expect(events.success[0]).toMatchObject({ completed: false });
    await until(() => server.openSockets === 0);
  });
});
