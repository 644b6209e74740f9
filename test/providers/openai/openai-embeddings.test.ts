import { describe, expect, it } from 'vitest';
import type { EmbeddingResponse } from 'switchyard';
import { openAIDeployment } from '../../support/deployments.js';
import { record } from '../../support/events.js';
import { json, openAIEmbeddings } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';

describe('router.embedding', () => {
  it('routes to an OpenAI deployment, with events and cost', async () => {
    const { server, router } = await routerOnMockServer(
      json(openAIEmbeddings(2)),
      (server) => openAIDeployment(server, 'embed', { providerModel: 'text-embedding-3-small', pricing: { inputPerMTok: 0.02, outputPerMTok: 0 } }),
      { retries: 0 },
    );
    const events = record(router, 'success');
    const response: EmbeddingResponse = await router.embedding({ model: 'embed', input: ['a', 'b'], dimensions: 3 });
    expect(response.data.map((d) => d.embedding[0])).toEqual([0.1, 0.2]);
    expect(server.calls[0]?.path).toBe('/v1/embeddings');
    expect(server.calls[0]?.body).toEqual({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 3 });
    expect(events.success[0]).toMatchObject({ model: 'embed', usage: { prompt_tokens: 6, completion_tokens: 0, total_tokens: 6 } });
    expect(events.success[0]?.costUsd).toBeCloseTo((6 * 0.02) / 1e6, 15);
    expect(response.costUsd).toBe(events.success[0]?.costUsd);
  });

  it('prices an embedding from the table when the deployment has no pricing', async () => {
    const { router } = await routerOnMockServer(
      json({ ...openAIEmbeddings(1), usage: { prompt_tokens: 1_000_000, total_tokens: 1_000_000 } }),
      (server) => openAIDeployment(server, 'embed', { providerModel: 'text-embedding-3-small' }),
      { retries: 0 },
    );
    expect((await router.embedding({ model: 'embed', input: 'a' })).costUsd).toBeCloseTo(0.02, 12);
  });
});
