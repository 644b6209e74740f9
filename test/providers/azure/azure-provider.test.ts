import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfigError} from 'switchyard';
import { ContentPolicyViolationError, Router } from 'switchyard';
import { afterThisTest, collect, hi, mockServer, textOf } from '../../support/helpers.js';
import { json, openAICompletion, openAIError, openAIStreamEvents, sse } from '../../support/mock-replies.js';

afterEach(() => vi.unstubAllEnvs());

describe('azure provider', () => {
  it('calls the deployment path with api-version and the api-key header', async () => {
    const server = await mockServer(json(openAICompletion('from azure')));
    const router = new Router({
      deployments: [{ model: 'gpt-4o', provider: 'azure', providerModel: 'my-gpt4o', baseUrl: server.origin, apiKey: 'azure-key-123456', params: { apiVersion: '2024-06-01', seed: 3 } }],
    });
    afterThisTest(() => router.close());
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
    const server = await mockServer(sse(openAIStreamEvents(['v1 ', 'stream'])));
    let tokens = 0;
    const router = new Router({
      deployments: [{ model: 'gpt-4o', provider: 'azure', providerModel: 'my-gpt4o', baseUrl: `${server.origin}/openai/v1`, params: { tokenProvider: async () => `entra-token-${++tokens}` } }],
    });
    afterThisTest(() => router.close());
    const chunks = await collect(await router.completion({ model: 'gpt-4o', messages: hi, stream: true }));
    expect(textOf(chunks)).toBe('v1 stream');
    const [call] = server.calls;
    expect(call?.path).toBe('/openai/v1/chat/completions');
    expect(call?.headers.authorization).toBe('Bearer entra-token-1');
    expect(call?.body).toMatchObject({ model: 'my-gpt4o', stream: true, stream_options: { include_usage: true } });
    expect(call?.body).not.toHaveProperty('tokenProvider');
  });

  it('maps a content-filter answer to ContentPolicyViolationError', async () => {
    const filtered = openAIError("The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", 'invalid_request_error', 'content_filter', 'prompt');
    const server = await mockServer(json(filtered, 400));
    const router = new Router({ deployments: [{ model: 'gpt-4o', provider: 'azure', baseUrl: server.origin, apiKey: 'azure-key-123456' }] });
    afterThisTest(() => router.close());
    await expect(router.completion({ model: 'gpt-4o', messages: hi })).rejects.toBeInstanceOf(ContentPolicyViolationError);
  });

  it('needs a key or a token provider, and a base URL', () => {
    vi.stubEnv('AZURE_OPENAI_API_KEY', '');
    const error = (() => {
      try {
        new Router({ deployments: [{ model: 'gpt-4o', provider: 'azure' }] });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toContain("deployments[0].baseUrl: provider 'azure' needs a baseUrl");
    expect(error.message).toContain('AZURE_OPENAI_API_KEY');
  });
});
