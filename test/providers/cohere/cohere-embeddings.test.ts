import { describe, expect, it } from 'vitest';
import { json } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';

describe('router.embedding', () => {
  it('speaks v2 /embed to Cohere', async () => {
    const { server, router } = await routerOnMockServer(
      json({ id: 'e', embeddings: { float: [[0.5, 0.5]] }, meta: { billed_units: { input_tokens: 3 } } }),
      (server) => ({
        model: 'embed',
        provider: 'cohere',
        providerModel: 'embed-v4.0',
        apiKey: 'co-test-0000',
        baseUrl: `${server.origin}/v2`,
        params: { inputType: 'search_query' },
      }),
      { retries: 0 },
    );
    const response = await router.embedding({ model: 'embed', input: 'query' });
    expect(response).toMatchObject({ data: [{ embedding: [0.5, 0.5] }], usage: { prompt_tokens: 3 } });
    expect(server.calls[0]?.body).toEqual({ model: 'embed-v4.0', texts: ['query'], input_type: 'search_query', embedding_types: ['float'] });
  });
});
