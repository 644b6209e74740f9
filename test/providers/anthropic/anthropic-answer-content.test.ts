import { describe, expect, it } from 'vitest';
import type { DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import { record } from '../../support/events.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { anthropicMessage, json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, nonStringTexts, textOf, toolCallsOf } from '../../support/streams.js';
import { functionCall } from '../../support/function-call.js';

const pricing = { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, cacheWritePerMTok: 3.75 };
const claude = (server: MockProviderServer): DeploymentConfig => ({
  model: 'claude',
  provider: 'anthropic',
  providerModel: 'claude-sonnet-4-5',
  apiKey: 'sk-ant-test-0000',
  baseUrl: server.origin,
  pricing,
});
const reasoningOf = (chunks: Awaited<ReturnType<typeof collect>>) => chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');
/** Usage as Anthropic sends it with prompt caching and thinking, and as OpenAI counts it. */
const cachedUsage = {
  input_tokens: 6,
  cache_creation_input_tokens: 3337,
  cache_read_input_tokens: 6289,
  output_tokens: 198,
  output_tokens_details: { thinking_tokens: 40 },
};
const openAIUsage = {
  prompt_tokens: 6 + 3337 + 6289,
  completion_tokens: 198,
  total_tokens: 6 + 3337 + 6289 + 198,
  prompt_tokens_details: { cached_tokens: 6289, cache_write_tokens: 3337 },
  completion_tokens_details: { reasoning_tokens: 40 },
};
const cost = (6 * 3 + 6289 * 0.3 + 3337 * 3.75 + 198 * 15) / 1e6;

const start = { type: 'message_start', message: { id: 'msg_01', model: 'claude-sonnet-4-5', usage: { input_tokens: 565, output_tokens: 1 } } };
const toolStart = (index: number, id: string) => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id, name: 'get_weather', input: {} },
});
const jsonDelta = (index: number, partial_json: string) => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
const stop = (index: number) => ({ type: 'content_block_stop', index });
const end = [{ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 48 } }, { type: 'message_stop' }];

describe('anthropic answer content', () => {
  it('gives thinking as reasoning_content, keeps server tool blocks out of tool_calls and content, and joins the cited text', async () => {
    const content = [
      { type: 'thinking', thinking: '925 divided by 5 = 185', signature: 'Er4BCkYICxgC' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' },
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'tech news' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [{ type: 'web_search_result', title: 'News', url: 'https://example.com/' }] },
      { type: 'text', text: '' },
      { type: 'text', text: 'Here is the news: ' },
      {
        type: 'text',
        text: 'a sentence.',
        citations: [{ type: 'web_search_result_location', cited_text: 'A sentence', url: 'https://example.com/', title: 'News' }],
      },
    ];
    const { router } = await routerOnMockServer(json(anthropicMessage(content, 'end_turn', cachedUsage)), claude, { retries: 0 });
    const events = record(router, 'success');
    const response = await router.completion({ model: 'claude', messages: hi });
    expect(response.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Here is the news: a sentence.', refusal: null, reasoning_content: '925 divided by 5 = 185' },
      finish_reason: 'stop',
      logprobs: null,
    });
    expect(response.usage).toEqual(openAIUsage);
    expect(events.success[0]?.costUsd).toBeCloseTo(cost, 12);
  });

  it('streams thinking deltas as reasoning_content (signatures left out), server tool input never as tool calls, and usage that adds up', async () => {
    const events = [
      {
        type: 'message_start',
        message: { id: 'msg_02', model: 'claude-sonnet-4-5', usage: { input_tokens: 2, cache_creation_input_tokens: 3068, output_tokens: 1 } },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '925 ÷ 5' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: ' = 185' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EvQBCkYICxgC' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'bash_code_execution', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"command": "echo 185"}' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'bash_code_execution_tool_result', tool_use_id: 'srvtoolu_1', content: { type: 'bash_code_execution_result', stdout: '185\n' } },
      },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_start', index: 3, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: '925 ÷ 5 = 185' } },
      { type: 'content_block_stop', index: 3 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: cachedUsage },
      { type: 'message_stop' },
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), claude, { retries: 0 });
    const success = record(router, 'success');
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, stream: true, stream_options: { include_usage: true } }));
    expect(textOf(chunks)).toBe('925 ÷ 5 = 185');
    expect(reasoningOf(chunks)).toBe('925 ÷ 5 = 185');
    expect(toolCallsOf(chunks)).toEqual([]);
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: openAIUsage });
    expect(success.success[0]?.costUsd).toBeCloseTo(cost, 12);
  });
});

describe('anthropic tool calls without arguments', () => {
  it('streams "{}" for a tool_use block whose only input_json_delta is "", as the whole answer gives it', async () => {
    const events = [
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'On it.' } },
      stop(0),
      { type: 'ping' },
      toolStart(1, 'toolu_1'),
      jsonDelta(1, ''),
      stop(1),
      toolStart(2, 'toolu_2'),
      jsonDelta(2, '{"city":'),
      jsonDelta(2, '"Oslo"}'),
      stop(2),
      ...end,
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    expect(textOf(chunks)).toBe('On it.');
    expect(toolCallsOf(chunks)).toEqual([
      { id: 'toolu_1', name: 'get_weather', arguments: '{}' },
      { id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Oslo"}' },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');

    const whole = await routerOnMockServer(json(anthropicMessage([{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }], 'tool_use')), claude);
    const answer = await whole.router.completion({ model: 'claude', messages: hi, tools: [weatherTool] });
    expect(functionCall(answer.choices[0]?.message)?.arguments).toBe('{}');
  });

  it('gives "{}" to a tool_use block that never got a delta, even when the stream skips its content_block_stop', async () => {
    const { router } = await routerOnMockServer(sse([start, toolStart(0, 'toolu_1'), ...end], { namedEvents: true }), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    expect(toolCallsOf(chunks)).toEqual([{ id: 'toolu_1', name: 'get_weather', arguments: '{}' }]);
  });
});

describe('anthropic fields that are not strings', () => {
  /** Numbers, objects and arrays where Anthropic promises strings: none of them reaches a text, the strings around them do. */
  const odd = [42, { type: 'text', text: 'not this' }, ['nor', 'this'], true];

  it('adds only strings to content, reasoning_content and tool calls of a whole answer', async () => {
    const content = [
      ...odd.map((thinking) => ({ type: 'thinking', thinking, signature: 'sig' })),
      { type: 'thinking', thinking: 'Real thinking.', signature: 'sig' },
      ...odd.map((text) => ({ type: 'text', text })),
      { type: 'text', text: 'Real text.' },
      null,
      { type: 'tool_use', id: 7, name: { name: 'get_weather' }, input: { city: 'Oslo' } },
    ];
    const { router } = await routerOnMockServer(json(anthropicMessage(content, 'tool_use')), claude, { retries: 0 });
    const response = await router.completion({ model: 'claude', messages: hi, tools: [weatherTool] });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      refusal: null,
      content: 'Real text.',
      reasoning_content: 'Real thinking.',
      tool_calls: [{ id: '', type: 'function', function: { name: '', arguments: '{"city":"Oslo"}' } }],
    });
  });

  it('streams only strings as content, reasoning_content and argument fragments', async () => {
    const events = [
      start,
      ...odd.map((thinking) => ({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking } })),
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Real thinking.' } },
      stop(0),
      ...odd.map((text) => ({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text } })),
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Real text.' } },
      stop(1),
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 7, name: ['get_weather'], input: {} } },
      ...odd.map((partial_json) => ({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json } })),
      jsonDelta(2, '{"city":"Oslo"}'),
      stop(2),
      toolStart(3, 'toolu_2'),
      jsonDelta(3, { city: 'Oslo' } as unknown as string),
      stop(3),
      ...end,
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    expect(nonStringTexts(chunks)).toEqual([]);
    expect(textOf(chunks)).toBe('Real text.');
    expect(reasoningOf(chunks)).toBe('Real thinking.');
    expect(toolCallsOf(chunks)).toEqual([
      { id: '', name: '', arguments: '{"city":"Oslo"}' },
      { id: 'toolu_2', name: 'get_weather', arguments: '{}' },
    ]);
  });
});
