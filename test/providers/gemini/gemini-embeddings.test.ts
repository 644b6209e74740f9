import { describe, expect, it } from 'vitest';
import { json } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';

describe('router.embedding', () => {
  it('speaks batchEmbedContents to Gemini', async () => {
    const { server, router } = await routerOnMockServer(
      json({ embeddings: [{ values: [1, 2] }, { values: [3, 4] }] }),
      (server) => ({ model: 'embed', provider: 'gemini', providerModel: 'gemini-embedding-001', apiKey: 'AIza-test-0000', baseUrl: `${server.origin}/v1beta` }),
      { retries: 0 },
    );
    const response = await router.embedding({ model: 'embed', input: ['first', 'second'], dimensions: 2 });
    expect(response.data.map((d) => d.embedding)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(server.calls[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(server.calls[0]?.body).toEqual({
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'first' }] }, outputDimensionality: 2 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'second' }] }, outputDimensionality: 2 },
      ],
    });
  });
});
