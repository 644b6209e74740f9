import { describe, expect, it } from 'vitest';
import { ContentPolicyViolationError, ContextWindowExceededError, RateLimitError, type ChatMessage, type DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, textOf } from '../../support/streams.js';
import { functionCall } from '../../support/function-call.js';

const usageMetadata = { promptTokenCount: 11, candidatesTokenCount: 6, totalTokenCount: 17 };
const geminiText = (text: string, finishReason = 'STOP') => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason }],
  usageMetadata,
  modelVersion: 'gemini-2.5-flash',
});
const gemini = (server: MockProviderServer): DeploymentConfig => ({
  model: 'gemini',
  provider: 'gemini',
  providerModel: 'gemini-2.5-flash',
  apiKey: 'AIza-test-0000',
  baseUrl: `${server.origin}/v1beta`,
});

describe('gemini provider', () => {
  it('sends generateContent: roles, systemInstruction, images, function declarations, calls and responses', async () => {
    const { server, router } = await routerOnMockServer(json(geminiText('Sunny')), gemini, { retries: 0 });
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather?' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } },
        ],
      },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_0', content: '{"sky":"clear"}' },
    ];
    await router.completion({ model: 'gemini', messages, tools: [weatherTool], tool_choice: 'required', max_tokens: 100, temperature: 0.5 });
    const [call] = server.calls;
    expect(call?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(call?.headers['x-goog-api-key']).toBe('AIza-test-0000');
    expect(call?.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Weather?' }, { inlineData: { mimeType: 'image/jpeg', data: '/9j/' } }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { sky: 'clear' } } }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0.5, maxOutputTokens: 100 },
      tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather in a city', parameters: weatherTool.function.parameters }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
    });
  });

  it('maps text, function calls, finish reasons and usage', async () => {
    const answer = {
      candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Bergen' } } }] }, finishReason: 'STOP' }],
      usageMetadata: { ...usageMetadata, thoughtsTokenCount: 4, cachedContentTokenCount: 3 },
    };
    const { router } = await routerOnMockServer(json(answer), gemini, { retries: 0 });
    const response = await router.completion({ model: 'gemini', messages: hi, tools: [weatherTool] });
    expect(response.choices[0]?.finish_reason).toBe('tool_calls');
    expect(JSON.parse(functionCall(response.choices[0]?.message)?.arguments ?? '')).toEqual({ city: 'Bergen' });
    expect(response.usage).toEqual({
      prompt_tokens: 11,
      completion_tokens: 10,
      total_tokens: 21,
      prompt_tokens_details: { cached_tokens: 3 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
  });

  it('streams with streamGenerateContent and SSE, tool calls included', async () => {
    const events = [
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] } }] },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] } }] },
      {
        candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }] }, finishReason: 'STOP' }],
        usageMetadata,
      },
    ];
    const { server, router } = await routerOnMockServer(sse(events), gemini, { retries: 0 });
    const chunks = await collect(
      await router.completion({ model: 'gemini', messages: hi, tools: [weatherTool], stream: true, stream_options: { include_usage: true } }),
    );
    expect(server.calls[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(textOf(chunks)).toBe('Hello');
    const call = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])[0];
    expect(JSON.parse(call?.function?.arguments ?? '')).toEqual({ city: 'Oslo' });
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 11, completion_tokens: 6 } });
  });

  it('a blocked prompt is a content-policy failure; finishReason SAFETY a content_filter answer', async () => {
    const blocked = await routerOnMockServer(json({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata }), gemini, { retries: 0 });
    await expect(blocked.router.completion({ model: 'gemini', messages: hi })).rejects.toBeInstanceOf(ContentPolicyViolationError);
    const unsafe = await routerOnMockServer(json(geminiText('', 'SAFETY')), gemini, { retries: 0 });
    expect((await unsafe.router.completion({ model: 'gemini', messages: hi })).choices[0]?.finish_reason).toBe('content_filter');
  });

  it('maps Google error bodies', async () => {
    const googleError = (code: number, status: string, message: string) => json({ error: { code, status, message } }, code);
    const limited = await routerOnMockServer(googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'), gemini, { retries: 0 });
    await expect(limited.router.completion({ model: 'gemini', messages: hi })).rejects.toBeInstanceOf(RateLimitError);
    const long = await routerOnMockServer(
      googleError(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'),
      gemini,
      { retries: 0 },
    );
    await expect(long.router.completion({ model: 'gemini', messages: hi })).rejects.toBeInstanceOf(ContextWindowExceededError);
  });
});
