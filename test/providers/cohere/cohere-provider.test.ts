import { describe, expect, it } from 'vitest';
import { RateLimitError, type ChatMessage, type DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, textOf } from '../../support/streams.js';
import { functionCall } from '../../support/function-call.js';

const usage = { billed_units: { input_tokens: 8, output_tokens: 5 }, tokens: { input_tokens: 70, output_tokens: 5 } };
const command = (server: MockProviderServer): DeploymentConfig => ({
  model: 'command',
  provider: 'cohere',
  providerModel: 'command-a-03-2025',
  apiKey: 'co-test-0000',
  baseUrl: `${server.origin}/v2`,
});

describe('cohere provider', () => {
  it('sends v2 chat with tools, tool calls and tool results, and maps the answer and billed usage', async () => {
    const answer = {
      id: 'c-1',
      finish_reason: 'TOOL_CALL',
      message: {
        role: 'assistant',
        tool_plan: 'I will look it up.',
        tool_calls: [{ id: 'tc_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
      },
      usage,
    };
    const { server, router } = await routerOnMockServer(json(answer), command, { retries: 0 });
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [{ id: 'tc_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Bergen"}' } }],
      },
      { role: 'tool', tool_call_id: 'tc_0', content: '{"sky":"rain"}' },
    ];
    const response = await router.completion({ model: 'command', messages, tools: [weatherTool], tool_choice: 'required', top_p: 0.9 });
    const [call] = server.calls;
    expect(call?.path).toBe('/v2/chat');
    expect(call?.headers.authorization).toBe('Bearer co-test-0000');
    expect(call?.body).toEqual({
      model: 'command-a-03-2025',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          tool_calls: [{ id: 'tc_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Bergen"}' } }],
          tool_plan: 'Checking.',
        },
        { role: 'tool', tool_call_id: 'tc_0', content: '{"sky":"rain"}' },
      ],
      p: 0.9,
      tools: [weatherTool],
      tool_choice: 'REQUIRED',
    });
    expect(response.choices[0]?.finish_reason).toBe('tool_calls');
    expect(JSON.parse(functionCall(response.choices[0]?.message)?.arguments ?? '')).toEqual({ city: 'Oslo' });
    expect(response.usage).toEqual({ prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 });
  });

  it('streams text and tool calls from the v2 event sequence', async () => {
    const events = [
      { type: 'message-start', id: 'c-2', delta: { message: { role: 'assistant' } } },
      { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Hi ' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { text: 'there' } } } },
      { type: 'content-end', index: 0 },
      {
        type: 'tool-call-start',
        index: 0,
        delta: { message: { tool_calls: { id: 'tc_9', type: 'function', function: { name: 'get_weather', arguments: '' } } } },
      },
      { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '{"city":' } } } } },
      { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '"Oslo"}' } } } } },
      { type: 'tool-call-end', index: 0 },
      { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage } },
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), command, { retries: 0 });
    const chunks = await collect(
      await router.completion({ model: 'command', messages: hi, tools: [weatherTool], stream: true, stream_options: { include_usage: true } }),
    );
    expect(textOf(chunks)).toBe('Hi there');
    const args = chunks
      .flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
      .map((t) => t.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(args)).toEqual({ city: 'Oslo' });
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 8, completion_tokens: 5 } });
  });

  it('maps error bodies', async () => {
    const { router } = await routerOnMockServer(json({ message: 'You are using a Trial key, which is limited to 10 API calls / minute.' }, 429), command, {
      retries: 0,
    });
    await expect(router.completion({ model: 'command', messages: hi })).rejects.toBeInstanceOf(RateLimitError);
  });
});
