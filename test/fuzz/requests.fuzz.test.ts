import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from 'switchyard';
import { accountedRouterOfFile, validRequest } from './accounted-router.js';
import './fuzz-seed.js';
import { mutate, mutations, PROTOTYPE_NAMES } from './hostile-values.js';
import { REQUEST_PATHS } from './request-paths.js';

function streamRequest(): ChatCompletionRequest {
  return { ...validRequest(), stream: true, stream_options: { include_usage: true } };
}

const fuzzRouter = accountedRouterOfFile();

async function requestsProperty(base: () => ChatCompletionRequest, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(mutations(REQUEST_PATHS), async (applied) => {
      const request = mutate(base(), applied);
      await fuzzRouter().check((router) => router.completion(request as ChatCompletionRequest), request);
    }),
    { numRuns },
  );
}

describe('hostile requests', () => {
  it('serves the requests the fuzz starts from', async () => {
    for (const request of [validRequest(), streamRequest()])
      expect((await fuzzRouter().check((router) => router.completion(request), request)).kind).toBe('answer');
  });

  it('answers or refuses with a typed error, and the router stays whole', { timeout: 120_000 }, () => requestsProperty(validRequest, 1_500));

  it('streams or refuses with a typed error, and the router stays whole', { timeout: 120_000 }, () => requestsProperty(streamRequest, 500));

  it('refuses model names that are properties of every object', async () => {
    for (const model of PROTOTYPE_NAMES) {
      const request = { ...validRequest(), model };
      const outcome = await fuzzRouter().check((router) => router.completion(request), request);
      expect(outcome.kind).toBe('error');
    }
  });
});
