import { describe, expect, it } from 'vitest';
import { ContextWindowExceededError, InternalServerError, RateLimitError, type ChatMessage, type DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import { openAIDeployment } from '../../support/deployments.js';
import type { MockProviderServer, MockScript } from '../../support/mock-provider-server.js';
import { anthropicMessage, anthropicTextStream, json, openAIError, sse } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { routerOnMockServer, testRouter } from '../../support/routers.js';
import { collect, textOf } from '../../support/streams.js';
import { functionCall } from '../../support/function-call.js';

const claude = (server: MockProviderServer, extra: Partial<DeploymentConfig> = {}): DeploymentConfig => ({
  model: 'claude',
  provider: 'anthropic',
  providerModel: 'claude-sonnet-4-5',
  apiKey: 'sk-ant-test-0000',
  baseUrl: server.origin,
  ...extra,
});

describe('anthropic provider', () => {
  it('sends the Messages API request: system lifted, tools, images, tool calls and results, headers', async () => {
    const { server, router } = await routerOnMockServer(json(anthropicMessage([{ type: 'text', text: 'Sunny.' }])), claude, { retries: 0 });
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather here?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
      { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'toolu_1', content: '{"sky":"clear"}' },
    ];
    await router.completion({ model: 'claude', messages, tools: [weatherTool], tool_choice: 'required', temperature: 0.3, stop: 'END' });

    const [call] = server.calls;
    expect(call?.path).toBe('/v1/messages');
    expect(call?.headers['x-api-key']).toBe('sk-ant-test-0000');
    expect(call?.headers['anthropic-version']).toBe('2023-06-01');
    expect(call?.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 32_000,
      system: 'Be brief.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"sky":"clear"}' }] },
      ],
      tools: [{ name: 'get_weather', description: 'Weather in a city', input_schema: weatherTool.function.parameters }],
      tool_choice: { type: 'any' },
      temperature: 0.3,
      stop_sequences: ['END'],
    });
  });

  it("maps the answer, tool calls, stop reason and cache usage; max_tokens is the deployment's maxOutputTokens unless the request sets one", async () => {
    const answer = anthropicMessage(
      [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Bergen' } },
      ],
      'tool_use',
      { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 5, cache_read_input_tokens: 100 } as never,
    );
    const { server, router } = await routerOnMockServer(json(answer), (server) => claude(server, { maxOutputTokens: 1_000 }), { retries: 0 });
    const response = await router.completion({ model: 'claude', messages: hi, tools: [weatherTool] });
    await router.completion({ model: 'claude', messages: hi, max_tokens: 50 });
    expect(server.calls.map((call) => (call.body as { max_tokens: number }).max_tokens)).toEqual([1_000, 50]);
    const choice = response.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe('Checking.');
    expect(JSON.parse(functionCall(choice?.message)?.arguments ?? '')).toEqual({ city: 'Bergen' });
    expect(response.usage).toEqual({
      prompt_tokens: 115,
      completion_tokens: 20,
      total_tokens: 135,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 5 },
    });
  });

  it('streams text from the documented event sequence, with usage at the end', async () => {
    const { router } = await routerOnMockServer(
      sse(anthropicTextStream(['Hello', ' there'], { input_tokens: 9, output_tokens: 2 }), { namedEvents: true }),
      claude,
      { retries: 0 },
    );
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, stream: true, stream_options: { include_usage: true } }));
    expect(textOf(chunks)).toBe('Hello there');
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } });
  });

  it('reassembles a streamed tool call whose arguments arrive as JSON fragments', async () => {
    const events = [
      { type: 'message_start', message: { id: 'msg_2', model: 'claude-sonnet-4-5', usage: { input_tokens: 30, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me look.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_5', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"ci' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'ty": "Tromsø"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 25 } },
      { type: 'message_stop' },
    ];
    const { router } = await routerOnMockServer(sse(events, { namedEvents: true }), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, id: 'toolu_5', type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(calls.map((c) => c.function?.arguments ?? '').join(''))).toEqual({ city: 'Tromsø' });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('maps overloaded_error (529) to a retryable InternalServerError, 429 to RateLimitError, a long prompt to ContextWindowExceededError', async () => {
    const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } });
    const cases: Array<[MockScript, new (...args: never[]) => Error]> = [
      [json(anthropicError('overloaded_error', 'Overloaded'), 529), InternalServerError],
      [json(anthropicError('rate_limit_error', 'Slow down'), 429, { 'retry-after': '3' }), RateLimitError],
      [json(anthropicError('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'), 400), ContextWindowExceededError],
    ];
    for (const [reply, ErrorClass] of cases) {
      const { router } = await routerOnMockServer(reply, claude, { retries: 0 });
      const error = await router.completion({ model: 'claude', messages: hi }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
    }
    const { router } = await routerOnMockServer(json(anthropicError('rate_limit_error', 'Slow down'), 429, { 'retry-after': '3' }), claude, { retries: 0 });
    const error = (await router.completion({ model: 'claude', messages: hi }).catch((e: unknown) => e)) as RateLimitError;
    expect(error.retryAfterMs).toBe(3_000);
    expect(error.retryable).toBe(true);
  });

  it('an OpenAI group failing over to an Anthropic group keeps the conversation, tools and tool results', async () => {
    const openai = await mockServer(json(openAIError('The server is overloaded', 'server_error'), 503));
    const anthropic = await mockServer(json(anthropicMessage([{ type: 'tool_use', id: 'toolu_7', name: 'get_weather', input: { city: 'Oslo' } }], 'tool_use')));
    anthropic.reply(json(anthropicMessage([{ type: 'tool_use', id: 'toolu_7', name: 'get_weather', input: { city: 'Oslo' } }], 'tool_use')));
    anthropic.setDefault(sse(anthropicTextStream(['It is clear in Oslo.']), { namedEvents: true }));
    const router = testRouter({ retries: 0, fallbacks: { gpt: ['claude'] }, deployments: [openAIDeployment(openai, 'gpt'), claude(anthropic)] });
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are a weather bot.' },
      { role: 'user', content: 'Weather in Oslo?' },
    ];

    const first = await router.completion({ model: 'gpt', messages, tools: [weatherTool] });
    const toolCall = first.choices[0]?.message.tool_calls?.[0];
    expect(functionCall(first.choices[0]?.message)?.name).toBe('get_weather');
    expect(JSON.parse(functionCall(first.choices[0]?.message)?.arguments ?? '')).toEqual({ city: 'Oslo' });

    const followUp: ChatMessage[] = [
      ...messages,
      first.choices[0]!.message as ChatMessage,
      { role: 'tool', tool_call_id: toolCall!.id, content: '{"sky":"clear"}' },
    ];
    const answer = await collect(await router.completion({ model: 'gpt', messages: followUp, tools: [weatherTool], stream: true }));
    expect(textOf(answer)).toBe('It is clear in Oslo.');

    const sent = anthropic.calls[1]?.body as { system: string; messages: unknown[]; tools: unknown[] };
    expect(sent.system).toBe('You are a weather bot.');
    expect(sent.tools).toHaveLength(1);
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_7', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_7', content: '{"sky":"clear"}' }] },
    ]);
  });
});
