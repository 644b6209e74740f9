import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompletionOptions } from 'switchyard';
import { accountedRouterOfFile, validRequest } from './accounted-router.js';
import './fuzz-seed.js';
import { mutate, mutations } from './hostile-values.js';

/** Every per-request option set, so a hostile value replaces one among valid neighbours. */
function validOptions(): CompletionOptions {
  return {
    signal: new AbortController().signal,
    timeoutMs: 30_000,
    user: 'alice',
    team: 'research',
    apiKeyId: 'key-7',
    tags: ['batch'],
    sessionId: 'session-1',
    metadata: { run: 1 },
    deadlineMs: 60_000,
    retries: { max: 1, byError: { RateLimitError: 1 } },
    fallbacks: [],
    noFallbacks: false,
    maxWaitMs: 0,
    streamIdleTimeoutMs: 30_000,
    midStreamFallback: false,
  };
}

const OPTION_PATHS: (string | number)[][] = [
  [],
  ...Object.keys(validOptions()).map((key) => [key]),
  ['tags', 0],
  ['metadata', 'run'],
  ['retries', 'max'],
  ['retries', 'byError'],
  ['retries', 'byError', 'RateLimitError'],
  ['fallbacks', 0],
  ['usr'],
  ['cache'],
  ['__proto__'],
];

const fuzzRouter = accountedRouterOfFile();

describe('hostile per-request options', () => {
  it('serves the options the fuzz starts from', async () => {
    const options = validOptions();
    expect((await fuzzRouter().check((router) => router.completion(validRequest(), options), options)).kind).toBe('answer');
  });

  it('answers or refuses with a typed error, and the router stays whole', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(mutations(OPTION_PATHS), fc.boolean(), async (applied, stream) => {
        const options = mutate(validOptions(), applied) as CompletionOptions;
        const outcome = await fuzzRouter().check((router) => router.completion({ ...validRequest(), stream }, options), options);
        const user = typeof options === 'object' && options !== null ? (options as { user?: unknown }).user : undefined;
        if (outcome.kind === 'answer' && typeof user === 'string') {
          const spend = fuzzRouter().router.spend({ scope: 'user', id: user });
          expect(Number.isFinite(spend.spentUsd) && spend.spentUsd > 0).toBe(true);
          expect(spend.reservedUsd).toBe(0);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
