import { describe, expect, it } from 'vitest';
import { json, openAIError } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';

describe('router.embedding', () => {
  it('retries and falls back like completions', async () => {
    const down = await mockServer(json(openAIError('overloaded', 'server_error'), 503));
    const router = testRouter({
      fallbacks: { embed: ['backup'] },
      retries: 0,
      deployments: [
        { model: 'embed', provider: 'openai-compatible', baseUrl: down.url },
        { model: 'backup', provider: 'mock', params: { latencyMs: 1 } },
      ],
    });
    const response = await router.embedding({ model: 'embed', input: 'hello', dimensions: 4 });
    expect(response.data[0]?.embedding).toHaveLength(4);
    expect(down.calls).toHaveLength(1);
  });

  it('names a bad input and a provider without embeddings', async () => {
    const router = testRouter({ retries: 0, deployments: [{ model: 'embed', provider: 'mock' }] });
    await expect(router.embedding({ model: 'embed', input: [] })).rejects.toThrow(/request\.input: expected a non-empty string or array/);
    const anthropic = testRouter({
      retries: 0,
      deployments: [{ model: 'embed', provider: 'anthropic', apiKey: 'sk-ant-test-0000', baseUrl: 'http://127.0.0.1:9' }],
    });
    await expect(anthropic.embedding({ model: 'embed', input: 'x' })).rejects.toThrow(/Provider 'anthropic' .* has no embeddings/);
  });
});
