import { describe, expect, it } from 'vitest';
import { BadRequestError, type DeploymentConfig } from 'switchyard';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';

const signed = { region: 'us-east-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example-key' };
const embedder =
  (providerModel: string) =>
  (server: MockProviderServer): DeploymentConfig => ({ model: 'embed', provider: 'bedrock', providerModel, baseUrl: server.origin, params: signed });

describe('router.embedding', () => {
  it('invokes Titan and Cohere embedding models on Bedrock', async () => {
    const titan = await routerOnMockServer(json({ embedding: [0.1, 0.9], inputTextTokenCount: 4 }), embedder('amazon.titan-embed-text-v2:0'), { retries: 0 });
    expect((await titan.router.embedding({ model: 'embed', input: 'one text' })).data[0]?.embedding).toEqual([0.1, 0.9]);
    expect(titan.server.calls[0]?.path).toBe(`/model/${encodeURIComponent('amazon.titan-embed-text-v2:0')}/invoke`);
    expect(titan.server.calls[0]?.body).toEqual({ inputText: 'one text' });
    expect(titan.server.calls[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    await expect(titan.router.embedding({ model: 'embed', input: ['a', 'b'] })).rejects.toBeInstanceOf(BadRequestError);

    const cohere = await routerOnMockServer(json({ embeddings: [[1], [2]], id: 'x' }), embedder('cohere.embed-english-v3'), { retries: 0 });
    expect((await cohere.router.embedding({ model: 'embed', input: ['a', 'b'] })).data).toHaveLength(2);
    expect(cohere.server.calls[0]?.body).toEqual({ texts: ['a', 'b'], input_type: 'search_document' });
  });
});
