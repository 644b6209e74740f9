import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentPolicyViolationError, Router, type ChatMessage } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import { configErrorOf } from '../../support/errors.js';
import { json, openAICompletion, openAIEmbeddings, openAIError, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, textOf } from '../../support/streams.js';

afterEach(() => vi.unstubAllEnvs());

describe('azure provider', () => {
  it('calls the deployment path with api-version and the api-key header', async () => {
    const { server, router } = await routerOnMockServer(json(openAICompletion('from azure')), (server) => ({
      model: 'gpt-4o',
      provider: 'azure',
      providerModel: 'my-gpt4o',
      baseUrl: server.origin,
      apiKey: 'azure-key-123456',
      params: { apiVersion: '2024-06-01', seed: 3 },
    }));
    const response = await router.completion({ model: 'gpt-4o', messages: hi });
    expect(response.choices[0]?.message.content).toBe('from azure');
    const [call] = server.calls;
    expect(call?.path).toBe('/openai/deployments/my-gpt4o/chat/completions?api-version=2024-06-01');
    expect(call?.headers['api-key']).toBe('azure-key-123456');
    expect(call?.headers.authorization).toBeUndefined();
    expect(call?.body).toMatchObject({ model: 'my-gpt4o', seed: 3 });
    expect(call?.body).not.toHaveProperty('apiVersion');
  });

  it('uses OpenAI paths on the v1 base URL, and a bearer token from tokenProvider (Entra ID)', async () => {
    let tokens = 0;
    const { server, router } = await routerOnMockServer(sse(openAIStreamEvents(['v1 ', 'stream'])), (server) => ({
      model: 'gpt-4o',
      provider: 'azure',
      providerModel: 'my-gpt4o',
      baseUrl: `${server.origin}/openai/v1`,
      params: { tokenProvider: async () => `entra-token-${++tokens}` },
    }));
    const chunks = await collect(await router.completion({ model: 'gpt-4o', messages: hi, stream: true }));
    expect(textOf(chunks)).toBe('v1 stream');
    const [call] = server.calls;
    expect(call?.path).toBe('/openai/v1/chat/completions');
    expect(call?.headers.authorization).toBe('Bearer entra-token-1');
    expect(call?.body).toMatchObject({ model: 'my-gpt4o', stream: true, stream_options: { include_usage: true } });
    expect(call?.body).not.toHaveProperty('tokenProvider');
  });

  it('leaves reasoning out of the assistant messages it sends back, as for OpenAI (which takes no unknown message field)', async () => {
    const { server, router } = await routerOnMockServer(json(openAICompletion('ok')), (server) => ({
      model: 'gpt-4o',
      provider: 'azure',
      providerModel: 'my-gpt4o',
      baseUrl: server.origin,
      apiKey: 'azure-key-123456',
    }));
    const replayed = [
      ...hi,
      { role: 'assistant', content: '391', reasoning_content: '17 * 23 = 391.' } as ChatMessage,
      { role: 'user', content: 'and 18?' } as ChatMessage,
    ];
    await router.completion({ model: 'gpt-4o', messages: replayed });
    const sent = (server.calls[0]?.body as { messages: ChatMessage[] }).messages;
    expect(sent).toEqual([...hi, { role: 'assistant', content: '391' }, { role: 'user', content: 'and 18?' }]);
  });

  it('maps a content-filter answer to ContentPolicyViolationError', async () => {
    const filtered = openAIError(
      "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
      'invalid_request_error',
      'content_filter',
      'prompt',
    );
    const { router } = await routerOnMockServer(json(filtered, 400), (server) => ({
      model: 'gpt-4o',
      provider: 'azure',
      baseUrl: server.origin,
      apiKey: 'azure-key-123456',
    }));
    await expect(router.completion({ model: 'gpt-4o', messages: hi })).rejects.toBeInstanceOf(ContentPolicyViolationError);
  });

  it('needs a key or a token provider, and a base URL', () => {
    vi.stubEnv('AZURE_OPENAI_API_KEY', '');
    const error = configErrorOf(() => new Router({ deployments: [{ model: 'gpt-4o', provider: 'azure' }] }));
    expect(error.message).toContain("deployments[0].baseUrl: provider 'azure' needs a baseUrl");
    expect(error.message).toContain('AZURE_OPENAI_API_KEY');
  });
});

describe('router.embedding', () => {
  it('uses the deployment path on Azure', async () => {
    const { server, router } = await routerOnMockServer(
      json(openAIEmbeddings(1)),
      (server) => ({ model: 'embed', provider: 'azure', providerModel: 'my-embedder', baseUrl: server.origin, apiKey: 'azure-key-123456' }),
      { retries: 0 },
    );
    await router.embedding({ model: 'embed', input: 'x' });
    expect(server.calls[0]?.path).toBe('/openai/deployments/my-embedder/embeddings?api-version=2024-10-21');
    expect(server.calls[0]?.headers['api-key']).toBe('azure-key-123456');
  });
});
