import { describe, expect, it } from 'vitest';
import type { ChatCompletion, DeploymentConfig } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import { openAIDeployment } from '../../support/deployments.js';
import { record } from '../../support/events.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, openAICompletion, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, textOf } from '../../support/streams.js';
import { functionCall } from '../../support/function-call.js';

const pricing = { inputPerMTok: 2.5, outputPerMTok: 10 };

const gpt4o = (server: MockProviderServer, extra: Partial<DeploymentConfig> = {}) =>
  openAIDeployment(server, 'gpt-4o', { providerModel: 'gpt-4o-2024-08-06', apiKey: 'sk-test-key-123456', pricing, ...extra });

describe('openai provider over HTTP', () => {
  it('returns the server content and usage, and prices the call', async () => {
    const { router } = await routerOnMockServer(json(openAICompletion('Hello there', { prompt_tokens: 1200, completion_tokens: 300 })), gpt4o);
    const events = record(router, 'success');

    const response: ChatCompletion = await router.completion({ model: 'gpt-4o', messages: hi });

    expect(response.choices[0]?.message.content).toBe('Hello there');
    expect(response.usage).toMatchObject({ prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 });
    expect(events.success).toHaveLength(1);
    const [event] = events.success;
    expect(event).toMatchObject({ model: 'gpt-4o', provider: 'openai', providerModel: 'gpt-4o-2024-08-06', stream: false, attempts: 1, cacheHit: false });
    expect(event?.deploymentId).toBe(router.deployments()[0]?.id);
    expect(event?.usage).toEqual(response.usage);
    expect(event?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(event?.costUsd).toBeCloseTo((1200 * 2.5 + 300 * 10) / 1e6, 12);
  });

  it('prices cached prompt tokens at the cached price when one is given', async () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 800 } };
    const { router } = await routerOnMockServer(json(openAICompletion('ok', usage)), (server) =>
      gpt4o(server, { pricing: { ...pricing, cachedInputPerMTok: 1.25 } }),
    );
    const events = record(router, 'success');
    await router.completion({ model: 'gpt-4o', messages: hi });
    expect(events.success[0]?.costUsd).toBeCloseTo((200 * 2.5 + 800 * 1.25 + 100 * 10) / 1e6, 12);
  });

  it('sends the request as OpenAI takes it: every field, the provider model, key and headers', async () => {
    const { server, router } = await routerOnMockServer(json(openAICompletion('ok')), (server) =>
      gpt4o(server, { headers: { 'x-team': 'search' }, params: { seed: 7, top_k: 40 } }),
    );
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
      },
    ];

    await router.completion({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
      ],
      tools,
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      temperature: 0.2,
      max_tokens: 50,
      seed: 1,
    });

    const [call] = server.calls;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v1/chat/completions');
    expect(call?.headers.authorization).toBe('Bearer sk-test-key-123456');
    expect(call?.headers['x-team']).toBe('search');
    expect(call?.body).toEqual({
      model: 'gpt-4o-2024-08-06',
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
      ],
      tools,
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      temperature: 0.2,
      max_tokens: 50,
      seed: 1,
      top_k: 40,
    });
  });

  it('passes tool calls back unchanged', async () => {
    const answer = openAICompletion('');
    answer.choices[0] = {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    } as never;
    const { router } = await routerOnMockServer(json(answer), gpt4o);
    const response = await router.completion({ model: 'gpt-4o', messages: hi });
    expect(response.choices[0]?.finish_reason).toBe('tool_calls');
    expect(JSON.parse(functionCall(response.choices[0]?.message)?.arguments ?? '')).toEqual({ q: 'x' });
  });

  it('streams the server chunks, asks for usage, and reports usage, cost and ttft after the last chunk', async () => {
    const { server, router } = await routerOnMockServer(sse(openAIStreamEvents(['Hel', 'lo', '!'], { prompt_tokens: 10, completion_tokens: 3 })), gpt4o);
    const events = record(router, 'success');

    const stream = await router.completion({ model: 'gpt-4o', messages: hi, stream: true, stream_options: { include_usage: true } });
    const chunks = await collect(stream);

    expect(textOf(chunks)).toBe('Hello!');
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 3 });
    expect(server.calls[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(events.success).toHaveLength(1);
    expect(events.success[0]).toMatchObject({ stream: true, completed: true, usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } });
    expect(events.success[0]?.costUsd).toBeCloseTo((10 * 2.5 + 3 * 10) / 1e6, 12);
    expect(events.success[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(events.success[0]?.ttftMs).toBeLessThanOrEqual(events.success[0]?.latencyMs ?? 0);
  });

  it('reassembles streamed tool-call arguments as the server sent them', async () => {
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const events = [
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '' } }] },
            finish_reason: null,
          },
        ],
      },
      { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      '[DONE]',
    ];
    const { router } = await routerOnMockServer(sse(events), gpt4o);
    const chunks = await collect(await router.completion({ model: 'gpt-4o', messages: hi, stream: true }));
    const args = chunks.map((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '').join('');
    expect(JSON.parse(args)).toEqual({ q: 'x' });
  });
});
