import { describe, expect, it } from 'vitest';
import type { DeploymentConfig } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, nonStringTexts, textOf, toolCallsOf } from '../../support/streams.js';

const command = (server: MockProviderServer): DeploymentConfig => ({
  model: 'command',
  provider: 'cohere',
  providerModel: 'command-a-reasoning-08-2025',
  apiKey: 'co-test-0000',
  baseUrl: `${server.origin}/v2`,
});
/** Cohere's `cached_tokens` counts against `tokens` (the prompt with its template), not the billed units: here it exceeds them. */
const usage = { billed_units: { input_tokens: 8, output_tokens: 578 }, tokens: { input_tokens: 1394, output_tokens: 582 }, cached_tokens: 1344 };
const billed = { prompt_tokens: 8, completion_tokens: 578, total_tokens: 586 };

const toolUsage = { billed_units: { input_tokens: 46, output_tokens: 14 }, tokens: { input_tokens: 1445, output_tokens: 43 }, cached_tokens: 992 };
const currentTime = {
  type: 'function' as const,
  function: { name: 'currentTime', description: 'The time now', parameters: { type: 'object', properties: {} } },
};
const plan = 'I will use the currentTime tool.';

describe('cohere answer content', () => {
  it('gives thinking parts as reasoning_content, keeps cited text whole, and bills the billed units without a cached count', async () => {
    const answer = {
      id: 'c-1',
      finish_reason: 'COMPLETE',
      message: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I need to add 2 and 2.' },
          { type: 'text', text: '2 + 2 = 4, as benefits.txt says.' },
        ],
        citations: [{ start: 20, end: 32, text: 'benefits.txt', sources: [{ type: 'document', id: 'doc:0' }], type: 'TEXT_CONTENT' }],
      },
      usage,
    };
    const { router } = await routerOnMockServer(json(answer), command, { retries: 0 });
    const response = await router.completion({ model: 'command', messages: hi });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      refusal: null,
      content: '2 + 2 = 4, as benefits.txt says.',
      reasoning_content: 'I need to add 2 and 2.',
    });
    expect(response.usage).toEqual(billed);
  });

  it('streams thinking content deltas as reasoning_content, apart from the text', async () => {
    const events = [
      { id: 'c-2', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
      { type: 'content-start', index: 0, delta: { message: { content: { type: 'thinking', thinking: '' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { thinking: 'I need to add' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { thinking: ' 2 and 2.' } } } },
      { type: 'content-end', index: 0 },
      { type: 'content-start', index: 1, delta: { message: { content: { type: 'text', text: '' } } } },
      { type: 'content-delta', index: 1, delta: { message: { content: { text: '2 + 2 = 4' } } } },
      { type: 'citation-start', index: 0, delta: { message: { citations: { start: 0, end: 5, text: '2 + 2', sources: [] } } } },
      { type: 'citation-end', index: 0 },
      { type: 'content-end', index: 1 },
      { type: 'message-end', delta: { finish_reason: 'COMPLETE', usage } },
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), command, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'command', messages: hi, stream: true, stream_options: { include_usage: true } }));
    expect(textOf(chunks)).toBe('2 + 2 = 4');
    expect(chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('')).toBe('I need to add 2 and 2.');
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: billed });
  });
});

describe('cohere tool calls without arguments, and the tool plan', () => {
  it('gives "{}" for the "null" arguments of a whole answer, with the plan as content', async () => {
    const answer = {
      id: 'c-1',
      finish_reason: 'TOOL_CALL',
      message: {
        role: 'assistant',
        tool_plan: plan,
        tool_calls: [{ id: 'currentTime_1', type: 'function', function: { name: 'currentTime', arguments: 'null' } }],
      },
      usage: toolUsage,
    };
    const { router } = await routerOnMockServer(json(answer), command, { retries: 0 });
    const response = await router.completion({ model: 'command', messages: hi, tools: [currentTime] });
    expect(response.choices[0]?.message).toMatchObject({
      content: plan,
      tool_calls: [{ id: 'currentTime_1', type: 'function', function: { name: 'currentTime', arguments: '{}' } }],
    });
    expect(response.usage).toEqual({ prompt_tokens: 46, completion_tokens: 14, total_tokens: 60 });
  });

  it('streams "{}" for a tool-call-start with "" and no delta, and the tool-plan-delta text as content, as the whole answer gives them', async () => {
    const events = [
      { id: 'c-2', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
      ...['I will use', ' the currentTime', ' tool.'].map((tool_plan) => ({ type: 'tool-plan-delta', delta: { message: { tool_plan } } })),
      {
        type: 'tool-call-start',
        index: 0,
        delta: { message: { tool_calls: { id: 'currentTime_2', type: 'function', function: { name: 'currentTime', arguments: '' } } } },
      },
      { type: 'tool-call-end', index: 0 },
      { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: toolUsage } },
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), command, { retries: 0 });
    const chunks = await collect(
      await router.completion({ model: 'command', messages: hi, tools: [currentTime], stream: true, stream_options: { include_usage: true } }),
    );
    expect(textOf(chunks)).toBe(plan);
    expect(toolCallsOf(chunks)).toEqual([{ id: 'currentTime_2', name: 'currentTime', arguments: '{}' }]);
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 46, completion_tokens: 14, total_tokens: 60 } });
  });
});

describe('cohere fields that are not strings', () => {
  /** Numbers, objects and arrays where Cohere promises strings: none of them reaches a text, the strings around them do. */
  const odd = [42, { text: 'not this' }, ['nor', 'this'], true];
  const reasoningOf = (chunks: Awaited<ReturnType<typeof collect>>) => chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');

  it('adds only strings to content, reasoning_content, the plan and tool calls of a whole answer', async () => {
    const content = [
      ...odd.map((thinking) => ({ type: 'thinking', thinking })),
      { type: 'thinking', thinking: 'Real thinking.' },
      ...odd.map((text) => ({ type: 'text', text })),
      null,
    ];
    const answer = {
      id: 'c-3',
      finish_reason: 'TOOL_CALL',
      message: {
        role: 'assistant',
        content,
        tool_plan: { plan: 'not this' },
        tool_calls: [
          { id: 3, type: 'function', function: { name: ['currentTime'], arguments: { zone: 'UTC' } } },
          { id: 'currentTime_2', type: 'function', function: { name: 'currentTime', arguments: 17 } },
        ],
      },
      usage: toolUsage,
    };
    const { router } = await routerOnMockServer(json(answer), command, { retries: 0 });
    const response = await router.completion({ model: 'command', messages: hi, tools: [currentTime] });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      refusal: null,
      content: null,
      reasoning_content: 'Real thinking.',
      tool_calls: [
        { id: '', type: 'function', function: { name: '', arguments: '{"zone":"UTC"}' } },
        { id: 'currentTime_2', type: 'function', function: { name: 'currentTime', arguments: '{}' } },
      ],
    });
  });

  it('streams only strings as content, reasoning_content, the plan and argument fragments', async () => {
    const events = [
      { id: 'c-4', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
      ...odd.map((thinking) => ({ type: 'content-delta', index: 0, delta: { message: { content: { thinking } } } })),
      { type: 'content-delta', index: 0, delta: { message: { content: { thinking: 'Real thinking.' } } } },
      ...odd.map((text) => ({ type: 'content-delta', index: 1, delta: { message: { content: { text } } } })),
      ...odd.map((tool_plan) => ({ type: 'tool-plan-delta', delta: { message: { tool_plan } } })),
      { type: 'tool-plan-delta', delta: { message: { tool_plan: plan } } },
      {
        type: 'tool-call-start',
        index: 0,
        delta: { message: { tool_calls: { id: 3, type: 'function', function: { name: { name: 'currentTime' }, arguments: 42 } } } },
      },
      ...odd.map((argumentsSent) => ({ type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: argumentsSent } } } } })),
      { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '{"zone":"UTC"}' } } } } },
      { type: 'tool-call-end', index: 0 },
      { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: toolUsage } },
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), command, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'command', messages: hi, tools: [currentTime], stream: true }));
    expect(nonStringTexts(chunks)).toEqual([]);
    expect(textOf(chunks)).toBe(plan);
    expect(reasoningOf(chunks)).toBe('Real thinking.');
    expect(toolCallsOf(chunks)).toEqual([{ id: '', name: '', arguments: '{"zone":"UTC"}' }]);
  });
});
