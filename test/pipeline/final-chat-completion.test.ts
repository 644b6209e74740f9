import { describe, expect, it } from 'vitest';
import { InternalServerError, StreamInterruptedError, type ChatCompletion } from 'switchyard';
import { hi, weatherTool } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import type { MockProviderServer } from '../support/mock-provider-server.js';
import { anthropicTextStream, openAIStreamEvents, sse } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { routerOnMockServer, sameModelRouter } from '../support/routers.js';
import { firstCandidate } from '../support/strategy-fixtures.js';
import { collect, textOf } from '../support/streams.js';

const gpt = (server: MockProviderServer) => openAIDeployment(server, 'gpt', { pricing: { inputPerMTok: 1, outputPerMTok: 2 } });
const usage = { prompt_tokens: 10, completion_tokens: 3 };

/** What `finalChatCompletion()` should give for `openAIStreamEvents(['Hel', 'lo', '!'], usage)`. */
const helloAnswer: ChatCompletion = {
  id: 'chatcmpl-mock123',
  object: 'chat.completion',
  created: 1_741_569_952,
  model: 'gpt-4o-mini-2024-07-18',
  system_fingerprint: 'fp_mock',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!', refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
};

const toolChunk = (delta: object, finish_reason: string | null = null) => ({
  id: 'chatcmpl-tools',
  object: 'chat.completion.chunk',
  created: 1_741_569_999,
  model: 'gpt-4o-2024-08-06',
  choices: [{ index: 0, delta, logprobs: null, finish_reason }],
});

/** OpenAI's wire format for two parallel tool calls whose argument fragments arrive interleaved. */
const twoToolCalls = [
  toolChunk({ role: 'assistant', content: null, refusal: null }),
  toolChunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
  toolChunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
  toolChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
  toolChunk({ tool_calls: [{ index: 1, function: { arguments: '{"city":"Bergen"}' } }] }),
  toolChunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
  toolChunk({}, 'tool_calls'),
  { ...toolChunk({}), choices: [], usage: { prompt_tokens: 40, completion_tokens: 30, total_tokens: 70 } },
  '[DONE]',
];

/** A stream that sends 'Partial', then an in-band error. */
const broken = () => sse([...openAIStreamEvents(['Partial']).slice(0, 2), { error: { message: 'overloaded', type: 'server_error', code: '529' } }]);

describe('finalChatCompletion()', () => {
  it('after the caller has read the stream: the answer it was handed, with the usage the provider reported and the cost', async () => {
    const { router } = await routerOnMockServer(sse(openAIStreamEvents(['Hel', 'lo', '!'], usage)), gpt, { retries: 0 });
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    expect(textOf(await collect(stream))).toBe('Hello!');

    const answer = await stream.finalChatCompletion();

    expect(answer).toEqual(helloAnswer);
    expect(answer.costUsd).toBeCloseTo((10 * 1 + 3 * 2) / 1e6, 12);
    expect(JSON.parse(JSON.stringify(answer))).not.toHaveProperty('costUsd');
    expect(await stream.finalChatCompletion()).toBe(answer);
  });

  it('when nothing reads the stream, it reads it to the end itself, and success is reported', async () => {
    const { router } = await routerOnMockServer(sse(openAIStreamEvents(['Hel', 'lo', '!'], usage)), gpt, { retries: 0 });
    const events = record(router, 'success');

    const answer = await (await router.completion({ model: 'gpt', messages: hi, stream: true })).finalChatCompletion();

    expect(answer).toEqual(helloAnswer);
    expect(events.success).toHaveLength(1);
    expect(events.success[0]).toMatchObject({ completed: true, usage: helloAnswer.usage });
  });

  it("asked for just before the caller's loop begins: the loop gets every chunk, and it resolves when the stream ends", async () => {
    const { router } = await routerOnMockServer(
      sse(anthropicTextStream(['Hello', ' there'], { input_tokens: 9, output_tokens: 2 }), { namedEvents: true }),
      (server) => ({
        model: 'claude',
        provider: 'anthropic',
        apiKey: 'sk-ant-test',
        baseUrl: server.url,
      }),
    );
    const stream = await router.completion({ model: 'claude', messages: hi, stream: true });
    const final = stream.finalChatCompletion();
    let settled = false;
    void final.then(() => (settled = true));

    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      expect(settled).toBe(false);
    }

    expect(await final).toMatchObject({
      id: 'msg_01',
      model: 'claude-sonnet-4-5',
      choices: [{ message: { role: 'assistant', content: 'Hello there', refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
    });
    expect(textOf(chunks)).toBe('Hello there');
  });

  it('joins tool calls by index, each with its id, name and whole arguments; content stays null', async () => {
    const { router } = await routerOnMockServer(sse(twoToolCalls), gpt, { retries: 0 });

    const answer = await (await router.completion({ model: 'gpt', messages: hi, tools: [weatherTool], stream: true })).finalChatCompletion();

    expect(answer.choices).toEqual([
      {
        index: 0,
        finish_reason: 'tool_calls',
        logprobs: null,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
            { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Bergen"}' } },
          ],
        },
      },
    ]);
    expect(answer.usage).toEqual({ prompt_tokens: 40, completion_tokens: 30, total_tokens: 70 });
  });

  it('joins a refusal, and the log probabilities of every chunk', async () => {
    const token = (text: string) => ({ token: text, bytes: null, logprob: -0.5, top_logprobs: [] });
    const events = [
      toolChunk({ role: 'assistant', refusal: '' }),
      {
        ...toolChunk({ refusal: "I can't " }),
        choices: [{ index: 0, delta: { refusal: "I can't " }, logprobs: { content: null, refusal: [token("I can't ")] }, finish_reason: null }],
      },
      { ...toolChunk({}), choices: [{ index: 0, delta: { refusal: 'help.' }, logprobs: { content: null, refusal: [token('help.')] }, finish_reason: null }] },
      toolChunk({}, 'stop'),
      '[DONE]',
    ];
    const { router } = await routerOnMockServer(sse(events), gpt, { retries: 0 });

    const answer = await (await router.completion({ model: 'gpt', messages: hi, stream: true })).finalChatCompletion();

    expect(answer.choices[0]).toMatchObject({
      message: { content: null, refusal: "I can't help." },
      logprobs: { content: null, refusal: [token("I can't "), token('help.')] },
    });
  });

  it('rejects with the typed error the stream failed with, whether or not the caller read it', async () => {
    const unread = await routerOnMockServer(broken(), gpt, { retries: 0 });
    const failures = record(unread.router, 'failure');
    const error = await rejectionOf((await unread.router.completion({ model: 'gpt', messages: hi, stream: true })).finalChatCompletion());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).cause).toBeInstanceOf(InternalServerError);
    expect((error as StreamInterruptedError).partialText).toBe('Partial');
    expect(failures.failure[0]?.error).toBe(error);

    const read = await routerOnMockServer(broken(), gpt, { retries: 0 });
    const stream = await read.router.completion({ model: 'gpt', messages: hi, stream: true });
    const thrown = await rejectionOf(collect(stream));
    expect(await rejectionOf(stream.finalChatCompletion())).toBe(thrown);
  });

  it('asked for but never awaited, by a caller whose own loop met the error: no unhandled rejection', async () => {
    const { router } = await routerOnMockServer(broken(), gpt, { retries: 0 });
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    void stream.finalChatCompletion();
    expect(await rejectionOf(collect(stream))).toBeInstanceOf(StreamInterruptedError);
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('rejects when the caller stopped reading before the end, as there is no whole answer', async () => {
    const { router } = await routerOnMockServer(sse(openAIStreamEvents(['a ', 'b ', 'c'])), gpt, { retries: 0 });
    const stream = await router.completion({ model: 'gpt', messages: hi, stream: true });
    for await (const _chunk of stream) break;
    expect(await rejectionOf(stream.finalChatCompletion())).toMatchObject({ message: expect.stringMatching(/stopped before its end/) });
  });

  it('after a mid-stream fallback: the text the caller was handed, the usage of both deployments, the id and model of the one that finished', async () => {
    const rescued = openAIStreamEvents([' fox jumps.'], { prompt_tokens: 30, completion_tokens: 4 }).map((event) =>
      typeof event === 'object' ? { ...event, id: 'chatcmpl-rescue', model: 'rescue-model' } : event,
    );
    const s = await mockServers({ cut: sse(openAIStreamEvents(['The quick', ' brown']).slice(0, 3), { end: 'destroy' }), rescue: sse(rescued) });
    const router = sameModelRouter(s, { strategy: firstCandidate, midStreamFallback: true });
    const events = record(router, 'success');
    const stream = await router.completion({ model: 'm', messages: hi, stream: true });

    const answer = await stream.finalChatCompletion();

    expect(answer).toMatchObject({
      id: 'chatcmpl-rescue',
      model: 'rescue-model',
      choices: [{ message: { content: 'The quick brown fox jumps.' }, finish_reason: 'stop' }],
    });
    expect(answer.usage).toEqual(events.success[0]?.usage);
    expect(answer.usage?.prompt_tokens).toBeGreaterThan(30);
    expect(stream.deploymentId).toBe('rescue');
  });
});
