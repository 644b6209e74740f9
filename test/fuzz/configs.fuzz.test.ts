import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APIConnectionError, ConfigError, Router, type RouterOptions } from 'switchyard';
import { REFUSED_URL } from '../support/mock-servers.js';
import { FUZZ_DEPLOYMENT, validRequest } from './accounted-router.js';
import { costOfAnswer, expectPrototypesUntouched, expectRouterError, outcomeOf, prototypeSnapshot } from './fuzz-contract.js';
import './fuzz-seed.js';
import { hostileValue, mutate, type Hostile } from './hostile-values.js';

const SECRET = 'sk-fuzz-0123456789abcdef';

/** A router config using most options, with a key in `apiKey`, in a header and in a query string. */
function validConfig(): RouterOptions {
  return {
    deployments: [
      structuredClone(FUZZ_DEPLOYMENT),
      {
        model: 'remote',
        provider: 'openai-compatible',
        id: 'remote',
        baseUrl: `${REFUSED_URL}?api_key=${SECRET}`,
        apiKey: SECRET,
        headers: { Authorization: `Bearer ${SECRET}` },
        weight: 2,
        rpm: 100,
        tpm: 100_000,
        maxConcurrency: 4,
        timeoutMs: 1_000,
        priority: 1,
        maxInputTokens: 8_000,
        maxOutputTokens: 1_000,
      },
    ],
    strategy: 'least-busy',
    aliases: { fast: 'm' },
    fallbacks: { remote: ['m'] },
    defaultFallbacks: ['m'],
    maxFallbacks: 2,
    retries: 0,
    cooldown: {},
    timeoutMs: 10_000,
    maxWaitMs: 0,
    prices: { 'some-model': { inputPerMTok: 1, outputPerMTok: 2 } },
    budgets: [{ scope: 'global', maxUsd: 100, period: '1d', warnAt: 0.8 }],
    limits: [{ scope: 'user', rpm: 100, tpm: 1_000_000 }],
    callbacks: [{ onSuccess: () => {} }],
  };
}

const CONFIG_PATHS: (string | number)[][] = [
  [],
  ['deployments'],
  ['deployments', 0],
  ...[
    'model',
    'provider',
    'providerModel',
    'id',
    'apiKey',
    'baseUrl',
    'headers',
    'weight',
    'rpm',
    'tpm',
    'maxConcurrency',
    'timeoutMs',
    'tags',
    'priority',
    'maxInputTokens',
    'maxOutputTokens',
    'pricing',
    'params',
  ].map((field) => ['deployments', 0, field]),
  ['deployments', 0, 'pricing', 'outputPerMTok'],
  ['deployments', 0, 'params', 'content'],
  ['deployments', 0, 'params', 'usage'],
  ['deployments', 0, '__proto__'],
  ['deployments', 1, 'baseUrl'],
  ['deployments', 1, 'headers'],
  ['deployments', 1, 'headers', 'Authorization'],
  ['deployments', 1, 'apiKey'],
  ['deployments', 1, 'model'],
  ['deployments', 2],
  ...[
    'strategy',
    'strategyByModel',
    'strategyOptions',
    'aliases',
    'fallbacks',
    'defaultFallbacks',
    'maxFallbacks',
    'retries',
    'cooldown',
    'timeoutMs',
    'maxWaitMs',
  ].map((option) => [option]),
  ...['streamIdleTimeoutMs', 'midStreamFallback', 'prices', 'budgets', 'limits', 'callbacks', 'random', 'now', 'clock', 'state', 'providers'].map((option) => [
    option,
  ]),
  ['aliases', 'fast'],
  ['aliases', '__proto__'],
  ['fallbacks', 'remote'],
  ['fallbacks', 'remote', 0],
  ['budgets', 0],
  ['budgets', 0, 'scope'],
  ['budgets', 0, 'maxUsd'],
  ['budgets', 0, 'period'],
  ['budgets', 0, 'id'],
  ['limits', 0],
  ['limits', 0, 'rpm'],
  ['limits', 0, 'scope'],
  ['callbacks', 0],
  ['callbacks', 0, 'onSuccess'],
  ['callbacks', 0, 'onSucess'],
  ['an_unknown_option'],
  ['__proto__'],
];

function hostileText(label: string, text: string): Hostile {
  return { label, make: () => text, [fc.toStringMethod]: () => label } as Hostile;
}

/** Values only a config holds: URLs that do not parse, references to unset environment variables. */
const CONFIG_TEXTS = [
  hostileText('port 99999', 'http://127.0.0.1:99999/v1'),
  hostileText('unclosed IPv6 host', 'http://[::1/v1'),
  hostileText('${UNSET_FUZZ_VARIABLE}', '${UNSET_FUZZ_VARIABLE}'),
  hostileText('not a URL', 'ftp:/nowhere'),
];

/** Base URLs carrying the key in their query string, for the fields where a URL belongs. */
const KEYED_URLS = [
  hostileText('key in query, bad port', `http://127.0.0.1:99999/v1?api_key=${SECRET}`),
  hostileText('key in query, unclosed host', `http://[::1/v1?api_key=${SECRET}`),
  hostileText('key in query, refused port', `${REFUSED_URL}?key=${SECRET}&b=1`),
];

const configMutations = fc.array(
  fc.oneof(
    {
      arbitrary: fc.record({
        path: fc.constantFrom(...CONFIG_PATHS),
        value: fc.oneof({ arbitrary: hostileValue, weight: 4 }, fc.constantFrom(...CONFIG_TEXTS)),
      }),
      weight: 5,
    },
    {
      arbitrary: fc.record({ path: fc.constantFrom(['deployments', 0, 'baseUrl'], ['deployments', 1, 'baseUrl']), value: fc.constantFrom(...KEYED_URLS) }),
      weight: 1,
    },
  ),
  { minLength: 1, maxLength: 3 },
);

/** Fails if the key shows anywhere a logger could print: message, stack, cause chain and fields. */
function expectNoSecret(what: string, value: unknown): void {
  expect(inspect(value, { depth: 10 }).includes(SECRET), `${what} shows the key`).toBe(false);
}

describe('hostile router configs', () => {
  it('builds the config the fuzz starts from, whose keyed deployment fails without showing its key', async () => {
    const router = new Router(validConfig());
    const answer = await router.completion(validRequest());
    expect(await costOfAnswer(answer)).toBe(1.25);
    const failed = await outcomeOf(() => router.completion({ ...validRequest(), model: 'remote' }, { noFallbacks: true }));
    expect(expectRouterError(failed, {})).toBeInstanceOf(APIConnectionError);
    expectNoSecret('the connection error', failed);
    await router.close();
  });

  it('builds a router that serves, or throws a ConfigError; never a key in either', { timeout: 120_000 }, async () => {
    const prototypes = prototypeSnapshot();
    await fc.assert(
      fc.asyncProperty(configMutations, async (applied) => {
        let router: Router;
        try {
          router = new Router(mutate(validConfig(), applied) as RouterOptions);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String((error as Error)?.stack ?? error)}`);
          expectNoSecret('the ConfigError', error);
          expectPrototypesUntouched(prototypes);
          return;
        }
        try {
          expectNoSecret('router.deployments()', router.deployments());
          for (const model of ['m', 'fast', 'remote']) {
            const request = { ...validRequest(), model };
            const outcome = await outcomeOf(() => router.completion(request, { user: 'alice' }));
            if (outcome.kind === 'answer') await costOfAnswer(outcome.value);
            else expectNoSecret('the error', expectRouterError(outcome, request));
          }
          expectPrototypesUntouched(prototypes);
        } finally {
          expect((await outcomeOf(() => router.close())).kind).toBe('answer');
        }
      }),
      { numRuns: 600 },
    );
  });
});
