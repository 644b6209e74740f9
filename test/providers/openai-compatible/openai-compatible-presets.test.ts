import { describe, expect, it } from 'vitest';
import { hi } from '../../support/chat-fixtures.js';
import { json, openAICompletion, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect } from '../../support/streams.js';

describe('openai provider over HTTP', () => {
  it('serves the OpenAI-compatible presets through the same adapter', async () => {
    const { server, router } = await routerOnMockServer(json(openAICompletion('from groq')), (server) => ({
      model: 'llama',
      provider: 'groq',
      providerModel: 'llama-3.3-70b-versatile',
      apiKey: 'gsk-test-000000',
      baseUrl: server.url,
    }));
    const response = await router.completion({ model: 'llama', messages: hi });
    expect(response.choices[0]?.message.content).toBe('from groq');
    expect(server.calls[0]?.body).toMatchObject({ model: 'llama-3.3-70b-versatile' });
  });

  it('does not ask mistral for stream_options, which it does not take', async () => {
    const { server, router } = await routerOnMockServer(sse(openAIStreamEvents(['ok'])), (server) => ({
      model: 'm',
      provider: 'mistral',
      apiKey: 'mk-test-000000',
      baseUrl: server.url,
    }));
    await collect(await router.completion({ model: 'm', messages: hi, stream: true }));
    expect(server.calls[0]?.body).not.toHaveProperty('stream_options');
  });
});
