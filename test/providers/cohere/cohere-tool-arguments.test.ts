import { describe, expect, it } from 'vitest';
import type { DeploymentConfig } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, textOf, toolCallsOf } from '../../support/streams.js';

const command = (server: MockProviderServer): DeploymentConfig => ({
  model: 'command',
  provider: 'cohere',
  providerModel: 'command-a-03-2025',
  apiKey: 'co-test-0000',
  baseUrl: `${server.origin}/v2`,
});
const usage = { billed_units: { input_tokens: 46, output_tokens: 14 }, tokens: { input_tokens: 1445, output_tokens: 43 }, cached_tokens: 992 };
const currentTime = {
  type: 'function' as const,
  function: { name: 'currentTime', description: 'The time now', parameters: { type: 'object', properties: {} } },
};
const plan = 'I will use the currentTime tool.';

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
      usage,
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
      { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage } },
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), command, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'command', messages: hi, tools: [currentTime], stream: true }));
    expect(textOf(chunks)).toBe(plan);
    expect(toolCallsOf(chunks)).toEqual([{ id: 'currentTime_2', name: 'currentTime', arguments: '{}' }]);
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }], usage: { prompt_tokens: 46, completion_tokens: 14, total_tokens: 60 } });
  });
});
