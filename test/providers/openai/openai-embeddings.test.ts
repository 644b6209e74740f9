import { describe, expect, it } from 'vitest';
import { BadRequestError, Router, type EmbeddingResponse, type SuccessEvent } from 'switchyard';
import { afterThisTest, mockServer } from '../../support/helpers.js';
import { json, openAIError } from '../../support/mock-replies.js';

const openAIEmbeddings = (count: number) => ({
  object: 'list',
  data: Array.from({ length: count }, (_, index) => ({ object: 'embedding', index, embedding: [0.1 * (index + 1), 0.2, 0.3] })),
  model: 'text-embedding-3-small',
  usage: { prompt_tokens: 6, total_tokens: 6 },
});

async function route(deployment: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const router = new Router({ retries: 0, ...extra, deployments: [{ model: 'embed', ...deployment } as never] });
  afterThisTest(() => router.close());
  const successes: SuccessEvent[] = [];
  router.on('success', (e) => void successes.push(e));
  return { router, successes };
}

describe('router.embedding', () => {
  it('routes to an OpenAI deployment, with events and cost', async () => {
    const server = await mockServer(json(openAIEmbeddings(2)));
    const { router, successes } = await route({ provider: 'openai', providerModel: 'text-embedding-3-small', apiKey: 'sk-test-000000', baseUrl: server.url, pricing: { inputPerMTok: 0.02, outputPerMTok: 0 } });
    const response: EmbeddingResponse = await router.embedding({ model: 'embed', input: ['a', 'b'], dimensions: 3 });
    expect(response.data.map((d) => d.embedding[0])).toEqual([0.1, 0.2]);
    expect(server.calls[0]?.path).toBe('/v1/embeddings');
    expect(server.calls[0]?.body).toEqual({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 3 });
    expect(successes[0]).toMatchObject({ model: 'embed', usage: { prompt_tokens: 6, completion_tokens: 0, total_tokens: 6 } });
    expect(successes[0]?.costUsd).toBeCloseTo((6 * 0.02) / 1e6, 15);
    expect(response.costUsd).toBe(successes[0]?.costUsd);
  });

  it('prices an embedding from the table when the deployment has no pricing', async () => {
    const server = await mockServer(json({ ...openAIEmbeddings(1), usage: { prompt_tokens: 1_000_000, total_tokens: 1_000_000 } }));
    const { router } = await route({ provider: 'openai', providerModel: 'text-embedding-3-small', apiKey: 'sk-test-000000', baseUrl: server.url });
    expect((await router.embedding({ model: 'embed', input: 'a' })).costUsd).toBeCloseTo(0.02, 12);
  });

  it('retries and falls back like completions', async () => {
    const down = await mockServer(json(openAIError('overloaded', 'server_error'), 503));
    const router = new Router({
      fallbacks: { embed: ['backup'] },
      retries: 0,
      deployments: [
        { model: 'embed', provider: 'openai-compatible', baseUrl: down.url },
        { model: 'backup', provider: 'mock', params: { latencyMs: 1 } },
      ],
    });
    afterThisTest(() => router.close());
    const response = await router.embedding({ model: 'embed', input: 'hello', dimensions: 4 });
    expect(response.data[0]?.embedding).toHaveLength(4);
    expect(down.calls).toHaveLength(1);
  });

  it('uses the deployment path on Azure', async () => {
    const server = await mockServer(json(openAIEmbeddings(1)));
    const { router } = await route({ provider: 'azure', providerModel: 'my-embedder', baseUrl: server.origin, apiKey: 'azure-key-123456' });
    await router.embedding({ model: 'embed', input: 'x' });
    expect(server.calls[0]?.path).toBe('/openai/deployments/my-embedder/embeddings?api-version=2024-10-21');
    expect(server.calls[0]?.headers['api-key']).toBe('azure-key-123456');
  });

  it('speaks batchEmbedContents to Gemini', async () => {
    const server = await mockServer(json({ embeddings: [{ values: [1, 2] }, { values: [3, 4] }] }));
    const { router } = await route({ provider: 'gemini', providerModel: 'gemini-embedding-001', apiKey: 'AIza-test-0000', baseUrl: `${server.origin}/v1beta` });
    const response = await router.embedding({ model: 'embed', input: ['first', 'second'], dimensions: 2 });
    expect(response.data.map((d) => d.embedding)).toEqual([[1, 2], [3, 4]]);
    expect(server.calls[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(server.calls[0]?.body).toEqual({
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'first' }] }, outputDimensionality: 2 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'second' }] }, outputDimensionality: 2 },
      ],
    });
  });

  it('speaks v2 /embed to Cohere', async () => {
    const server = await mockServer(json({ id: 'e', embeddings: { float: [[0.5, 0.5]] }, meta: { billed_units: { input_tokens: 3 } } }));
    const { router } = await route({ provider: 'cohere', providerModel: 'embed-v4.0', apiKey: 'co-test-0000', baseUrl: `${server.origin}/v2`, params: { inputType: 'search_query' } });
    const response = await router.embedding({ model: 'embed', input: 'query' });
    expect(response).toMatchObject({ data: [{ embedding: [0.5, 0.5] }], usage: { prompt_tokens: 3 } });
    expect(server.calls[0]?.body).toEqual({ model: 'embed-v4.0', texts: ['query'], input_type: 'search_query', embedding_types: ['float'] });
  });

  it('invokes Titan and Cohere embedding models on Bedrock', async () => {
    const titan = await mockServer(json({ embedding: [0.1, 0.9], inputTextTokenCount: 4 }));
    const signed = { region: 'us-east-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example-key' };
    const first = await route({ provider: 'bedrock', providerModel: 'amazon.titan-embed-text-v2:0', baseUrl: titan.origin, params: signed });
    expect((await first.router.embedding({ model: 'embed', input: 'one text' })).data[0]?.embedding).toEqual([0.1, 0.9]);
    expect(titan.calls[0]?.path).toBe(`/model/${encodeURIComponent('amazon.titan-embed-text-v2:0')}/invoke`);
    expect(titan.calls[0]?.body).toEqual({ inputText: 'one text' });
    expect(titan.calls[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    await expect(first.router.embedding({ model: 'embed', input: ['a', 'b'] })).rejects.toBeInstanceOf(BadRequestError);

    const cohere = await mockServer(json({ embeddings: [[1], [2]], id: 'x' }));
    const second = await route({ provider: 'bedrock', providerModel: 'cohere.embed-english-v3', baseUrl: cohere.origin, params: signed });
    expect((await second.router.embedding({ model: 'embed', input: ['a', 'b'] })).data).toHaveLength(2);
    expect(cohere.calls[0]?.body).toEqual({ texts: ['a', 'b'], input_type: 'search_document' });
  });

  it('names a bad input and a provider without embeddings', async () => {
    const { router } = await route({ provider: 'mock' });
    await expect(router.embedding({ model: 'embed', input: [] })).rejects.toThrow(/request\.input: expected a non-empty string or array/);
    const anthropic = await route({ provider: 'anthropic', apiKey: 'sk-ant-test-0000', baseUrl: 'http://127.0.0.1:9' });
    await expect(anthropic.router.embedding({ model: 'embed', input: 'x' })).rejects.toThrow(/Provider 'anthropic' .* has no embeddings/);
  });
});
