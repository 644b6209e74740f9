import { describe, expect, it } from 'vitest';
import { json } from '../../support/mock-replies.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { routerOnMockServer } from '../../support/routers.js';

const embedder = (server: MockProviderServer) =>
  ({ model: 'embed', provider: 'gemini', providerModel: 'gemini-embedding-001', apiKey: 'AIza-test-0000', baseUrl: `${server.origin}/v1beta` }) as const;

describe('router.embedding', () => {
  it('speaks batchEmbedContents to Gemini', async () => {
    const { server, router } = await routerOnMockServer(json({ embeddings: [{ values: [1, 2] }, { values: [3, 4] }] }), embedder, { retries: 0 });
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

  it("uses the answer's usageMetadata.promptTokenCount where Gemini sends one, else an estimate", async () => {
    const counted = {
      embeddings: [{ values: [0.5, 0.8] }, { values: [-0.5, -0.8] }],
      usageMetadata: { promptTokenCount: 12, promptTokenDetails: [{ modality: 'TEXT', tokenCount: 12 }] },
    };
    const { router } = await routerOnMockServer(json(counted), embedder, { retries: 0 });
    expect((await router.embedding({ model: 'embed', input: ['first', 'second'] })).usage).toEqual({ prompt_tokens: 12, total_tokens: 12 });

    const uncounted = await routerOnMockServer(json({ embeddings: [{ values: [1, 2] }] }), embedder, { retries: 0 });
    const estimated = (await uncounted.router.embedding({ model: 'embed', input: 'a few words to estimate' })).usage;
    expect(estimated.prompt_tokens).toBeGreaterThan(0);
    expect(estimated.total_tokens).toBe(estimated.prompt_tokens);
  });
});
