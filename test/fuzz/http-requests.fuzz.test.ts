import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from 'switchyard';
import { MockProviderServer } from '../support/mock-provider-server.js';
import { json, openAICompletion, openAIStreamEvents, sse } from '../support/mock-replies.js';
import { AccountedRouter, FUZZ_PRICING, FUZZ_USAGE, validRequest } from './accounted-router.js';
import './fuzz-seed.js';
import { mutate, mutations } from './hostile-values.js';
import { REQUEST_PATHS } from './request-paths.js';

let server: MockProviderServer;
let fuzz: AccountedRouter;

beforeAll(async () => {
  server = await MockProviderServer.start((call) =>
    (call.body as { stream?: unknown } | undefined)?.stream === true
      ? sse(openAIStreamEvents(['fine, ', 'thanks'], FUZZ_USAGE))
      : json(openAICompletion('fine, thanks', FUZZ_USAGE)),
  );
  fuzz = new AccountedRouter({ model: 'm', provider: 'openai-compatible', id: 'fuzz', tags: ['batch'], baseUrl: server.url, pricing: FUZZ_PRICING });
  await fuzz.warmup();
});

afterAll(async () => {
  await fuzz.close();
  await server.close();
});

describe('hostile requests over loopback HTTP', () => {
  it('answers, streams or refuses with a typed error, and the router stays whole', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(mutations(REQUEST_PATHS), fc.boolean(), async (applied, stream) => {
        const request = mutate({ ...validRequest(), stream }, applied);
        await fuzz.check((router) => router.completion(request as ChatCompletionRequest), request);
      }),
      { numRuns: 200 },
    );
    expect(server.calls.length).toBeGreaterThan(200);
  });
});
