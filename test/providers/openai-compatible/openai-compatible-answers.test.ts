import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatMessage, DeploymentConfig } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import { record } from '../../support/events.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, textOf } from '../../support/streams.js';

/**
 * What OpenAI-compatible servers send that OpenAI does not, as they send it (shapes taken from
 * Mistral, xAI, Groq and Azure answers), and what the caller gets: the shapes the types promise.
 */

const pricing = { inputPerMTok: 1, outputPerMTok: 10 };
const on =
  (provider: string) =>
  (server: MockProviderServer): DeploymentConfig => ({ model: 'm', provider, apiKey: 'key-test-000000', baseUrl: server.url, pricing });

const thinking = (text: string) => ({ type: 'thinking', thinking: [{ type: 'text', text }], closed: true });

function completion(
  message: Record<string, unknown>,
  usage: Record<string, unknown> = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  finish = 'stop',
) {
  return {
    id: 'a1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, finish_reason: finish, message: { role: 'assistant', ...message } }],
    usage,
  };
}

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 's1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});
const finish = (reason: string, usage?: Record<string, unknown>) => ({
  ...chunk({}),
  choices: [{ index: 0, delta: {}, finish_reason: reason }],
  ...(usage ? { usage } : {}),
});

const reasoningOf = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');

function toolCallsOf(chunks: ChatCompletionChunk[]) {
  const calls: Array<{ id?: string; type?: string; name: string; arguments: string }> = [];
  for (const c of chunks) {
    for (const delta of c.choices[0]?.delta.tool_calls ?? []) {
      expect(delta.index, 'every tool-call delta has an index').toEqual(expect.any(Number));
      const call = (calls[delta.index] ??= { name: '', arguments: '' });
      if (delta.id) call.id = delta.id;
      if (delta.type) call.type = delta.type;
      call.name += delta.function?.name ?? '';
      call.arguments += delta.function?.arguments ?? '';
    }
  }
  return calls;
}

describe('OpenAI-compatible answers, made into the shapes the types promise', () => {
  it("gives Mistral's content parts as text, and its thinking parts as reasoning_content", async () => {
    const answer = completion({ tool_calls: null, content: [thinking('17 * 23 = 391.'), { type: 'text', text: '39' }, { type: 'text', text: '1' }] });
    const { router } = await routerOnMockServer(json(answer), on('mistral'));

    const message = (await router.completion({ model: 'm', messages: hi })).choices[0]?.message;

    expect(message?.content).toBe('391');
    expect(message?.reasoning_content).toBe('17 * 23 = 391.');
    expect(message).not.toHaveProperty('tool_calls');
  });

  it('streams content parts as text deltas and thinking deltas as reasoning_content', async () => {
    const events = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: [thinking('Okay, the')] }),
      chunk({ content: [thinking(' product is 391.')] }),
      chunk({ content: [thinking(' Done.'), { type: 'text', text: '3' }] }),
      {
        ...chunk({ content: '91' }),
        choices: [{ index: 0, delta: { content: '91' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 28, completion_tokens: 139, total_tokens: 167 },
      },
    ];
    const { router } = await routerOnMockServer(sse(events), on('mistral'));

    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true }));

    for (const c of chunks) expect(['string', 'undefined']).toContain(typeof c.choices[0]?.delta.content);
    expect(textOf(chunks)).toBe('391');
    expect(reasoningOf(chunks)).toBe('Okay, the product is 391. Done.');
  });

  it("gives Groq's reasoning field as reasoning_content too", async () => {
    const { router } = await routerOnMockServer(json(completion({ content: 'three', reasoning: 'Counting the r letters.' })), on('groq'));
    const message = (await router.completion({ model: 'm', messages: hi })).choices[0]?.message;
    expect(message).toMatchObject({ content: 'three', reasoning_content: 'Counting the r letters.' });
  });

  it("types Mistral's tool calls, and gives a call without arguments {}", async () => {
    const calls = [
      { id: 'gSIMJiOkT', function: { name: 'weather', arguments: '{"location": "San Francisco"}' } },
      { id: 'nTJ4VSPvY', function: { name: 'clock', arguments: '' } },
    ];
    const { router } = await routerOnMockServer(json(completion({ tool_calls: calls }, undefined, 'tool_calls')), on('mistral'));

    const message = (await router.completion({ model: 'm', messages: hi })).choices[0]?.message;

    expect(message?.content).toBeNull();
    expect(message?.tool_calls).toEqual([
      { id: 'gSIMJiOkT', type: 'function', function: { name: 'weather', arguments: '{"location": "San Francisco"}' } },
      { id: 'nTJ4VSPvY', type: 'function', function: { name: 'clock', arguments: '{}' } },
    ]);
  });

  it("numbers Mistral's streamed tool calls, each sent whole without an index, in order of appearance", async () => {
    const weather = (id: string, city: string) => ({ id, function: { name: 'weather', arguments: `{"city":"${city}"}` } });
    const events = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: null, tool_calls: [weather('a1', 'Paris'), weather('b2', 'Rome')] }),
      { ...chunk({}), choices: [{ index: 0, delta: { tool_calls: [weather('c3', 'Oslo')] }, finish_reason: 'tool_calls' }] },
    ];
    const { router } = await routerOnMockServer(sse(events), on('mistral'));

    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true }));

    expect(toolCallsOf(chunks)).toEqual([
      { id: 'a1', type: 'function', name: 'weather', arguments: '{"city":"Paris"}' },
      { id: 'b2', type: 'function', name: 'weather', arguments: '{"city":"Rome"}' },
      { id: 'c3', type: 'function', name: 'weather', arguments: '{"city":"Oslo"}' },
    ]);
  });

  it('continues an unnumbered call on deltas without an id, and gives a streamed call that never had arguments {}', async () => {
    const events = [
      chunk({ role: 'assistant', tool_calls: [{ id: 'a1', function: { name: 'lookup', arguments: '{"q":' } }] }),
      chunk({ tool_calls: [{ function: { arguments: '"x"}' } }] }),
      chunk({ tool_calls: [{ id: 'b2', type: 'function', function: { name: 'now', arguments: '' } }] }),
      finish('tool_calls'),
      '[DONE]',
    ];
    const { router } = await routerOnMockServer(sse(events), on('openai-compatible'));

    const calls = toolCallsOf(await collect(await router.completion({ model: 'm', messages: hi, stream: true })));

    expect(calls).toEqual([
      { id: 'a1', type: 'function', name: 'lookup', arguments: '{"q":"x"}' },
      { id: 'b2', type: 'function', name: 'now', arguments: '{}' },
    ]);
  });

  it("counts xAI's reasoning tokens inside completion_tokens, as OpenAI does, and prices them", async () => {
    // xAI: prompt + completion + reasoning = total; completion_tokens leaves the reasoning out.
    const usage = { prompt_tokens: 307, completion_tokens: 26, total_tokens: 588, completion_tokens_details: { reasoning_tokens: 255 } };
    const { router } = await routerOnMockServer(json(completion({ content: 'ok', reasoning_content: 'thinking' }, usage)), on('xai'));
    const events = record(router, 'success');

    const response = await router.completion({ model: 'm', messages: hi });

    expect(response.usage).toMatchObject({
      prompt_tokens: 307,
      completion_tokens: 281,
      total_tokens: 588,
      completion_tokens_details: { reasoning_tokens: 255 },
    });
    expect(events.success[0]?.usage).toMatchObject({ completion_tokens: 281 });
    expect(events.success[0]?.costUsd).toBeCloseTo((307 * 1 + 281 * 10) / 1e6, 12);
  });

  it("counts a streamed xAI answer's reasoning in its usage and cost, from a usage chunk without choices", async () => {
    const events = [
      chunk({ role: 'assistant', reasoning_content: 'First' }),
      chunk({ content: 'Sunny.' }),
      { ...chunk({}), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      {
        ...chunk({}),
        choices: [],
        usage: { prompt_tokens: 307, completion_tokens: 26, total_tokens: 560, completion_tokens_details: { reasoning_tokens: 227 } },
      },
      '[DONE]',
    ];
    const { router } = await routerOnMockServer(sse(events), on('xai'));
    const success = record(router, 'success');

    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true, stream_options: { include_usage: true } }));

    expect(chunks.at(-1)?.usage).toMatchObject({ completion_tokens: 253, total_tokens: 560 });
    expect(success.success[0]?.costUsd).toBeCloseTo((307 * 1 + 253 * 10) / 1e6, 12);
  });

  it('leaves usage that already counts reasoning inside completion_tokens as it is', async () => {
    const usage = { prompt_tokens: 15, completion_tokens: 78, total_tokens: 93, completion_tokens_details: { reasoning_tokens: 64 } };
    const { router } = await routerOnMockServer(json(completion({ content: 'ok' }, usage)), on('openai'));
    const events = record(router, 'success');

    expect((await router.completion({ model: 'm', messages: hi })).usage).toEqual(usage);
    expect(events.success[0]?.costUsd).toBeCloseTo((15 * 1 + 78 * 10) / 1e6, 12);
  });

  it("skips Azure's opening chunk that has no choices and no usage, and gives a missing finish_reason as null", async () => {
    const events = [
      { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] },
      { ...chunk({ role: 'assistant', content: 'Hi' }), choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' } }] },
      finish('stop'),
      '[DONE]',
    ];
    const { router } = await routerOnMockServer(sse(events), on('openai'));

    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true }));

    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === 's1')).toBe(true);
    expect(chunks[0]?.choices[0]).toEqual({ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null });
    expect(textOf(chunks)).toBe('Hi');
  });

  it('leaves reasoning out of the history sent to servers that refuse it, and sends it back to those that want it', async () => {
    const replayed: ChatMessage[] = [
      ...hi,
      { role: 'assistant', content: '391', reasoning_content: '17 * 23 = 391.' },
      { role: 'assistant', content: 'three', reasoning: 'Counting.' } as ChatMessage,
      { role: 'user', content: 'and 18 * 23?' },
    ];
    const expected: Record<string, boolean> = { mistral: false, groq: false, openai: false, deepseek: true, xai: true, 'openai-compatible': true };
    for (const [provider, keeps] of Object.entries(expected)) {
      const { server, router } = await routerOnMockServer(json(completion({ content: 'ok' })), on(provider));
      await router.completion({ model: 'm', messages: replayed });
      const sent = (server.calls[0]?.body as { messages: ChatMessage[] }).messages;
      expect(sent[1], provider).toEqual(keeps ? replayed[1] : { role: 'assistant', content: '391' });
      expect(sent[2], provider).toEqual(keeps ? replayed[2] : { role: 'assistant', content: 'three' });
      expect(sent[3], provider).toEqual(replayed[3]);
    }
  });
});
