import { describe, expect, it } from 'vitest';
import type { DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { anthropicMessage, json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, textOf, toolCallsOf } from '../../support/streams.js';

const claude = (server: MockProviderServer): DeploymentConfig => ({
  model: 'claude',
  provider: 'anthropic',
  providerModel: 'claude-sonnet-4-5',
  apiKey: 'sk-ant-test-0000',
  baseUrl: server.origin,
});

const start = { type: 'message_start', message: { id: 'msg_01', model: 'claude-sonnet-4-5', usage: { input_tokens: 565, output_tokens: 1 } } };
const toolStart = (index: number, id: string) => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id, name: 'get_weather', input: {} },
});
const jsonDelta = (index: number, partial_json: string) => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
const stop = (index: number) => ({ type: 'content_block_stop', index });
const end = [{ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 48 } }, { type: 'message_stop' }];

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
    expect(answer.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('{}');
  });

  it('gives "{}" to a tool_use block that never got a delta, even when the stream skips its content_block_stop', async () => {
    const { router } = await routerOnMockServer(sse([start, toolStart(0, 'toolu_1'), ...end], { namedEvents: true }), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    expect(toolCallsOf(chunks)).toEqual([{ id: 'toolu_1', name: 'get_weather', arguments: '{}' }]);
  });
});
