import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  MemoryStateStore,
  MemoryWindowCounters,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type LocalChatAdapter,
  type Router,
  type StrategyName,
} from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { json, openAICompletion, openAIStreamEvents, sse, type MockUsage } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';

/** Window counters that keep every amount written to them and each key's latest value. */
class WatchedCounters extends MemoryWindowCounters {
  readonly amounts: unknown[] = [];
  readonly latest = new Map<string, number>();

  override add(key: string, windowStart: number, windowEnd: number, amount: number): number {
    this.amounts.push(amount);
    const value = super.add(key, windowStart, windowEnd, amount);
    this.latest.set(key, value);
    return value;
  }
}

class WatchedState extends MemoryStateStore {
  override readonly counters = new WatchedCounters();
}

/** $1 per output token, input free: a valid call's 2 output tokens cost exactly $2, and its estimate (max_tokens 4) $4. */
const PRICES = { inputPerMTok: 0, outputPerMTok: 1_000_000 };
const VALID_USAGE = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 };
const ask: ChatCompletionRequest = { model: 'm', messages: hi, max_tokens: 4 };
/** The router's only deployment has the first stats slot. */
const SLOT = 0;

/** Usage no provider should report, each making every count unusable. */
const POISONED_USAGE: Array<[string, unknown]> = [
  ['NaN', { prompt_tokens: NaN, completion_tokens: NaN, total_tokens: NaN }],
  ['Infinity', { prompt_tokens: Infinity, completion_tokens: Infinity, total_tokens: Infinity }],
  ['negative', { prompt_tokens: -5, completion_tokens: -5, total_tokens: -10 }],
  ['strings', { prompt_tokens: '12', completion_tokens: '12', total_tokens: '24' }],
  ['huge', { prompt_tokens: 1e300, completion_tokens: 1e300, total_tokens: 1e300 }],
  ['not an object', 5],
  [
    'bad details',
    {
      prompt_tokens: null,
      completion_tokens: {},
      total_tokens: -1,
      prompt_tokens_details: { cached_tokens: NaN, cache_write_tokens: -3 },
      completion_tokens_details: { reasoning_tokens: Infinity },
    },
  ],
];

const completionWith = (usage: unknown): ChatCompletion =>
  ({
    id: 'poison',
    object: 'chat.completion',
    created: 0,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage,
  }) as ChatCompletion;

const chunk = (choices: ChatCompletionChunk['choices'], usage?: unknown): ChatCompletionChunk =>
  ({ id: 'poison', object: 'chat.completion.chunk', created: 0, model: 'm', choices, ...(usage === undefined ? {} : { usage }) }) as ChatCompletionChunk;

/** A provider answering each call with the next usage queued, else a valid one. */
function lyingProvider(queued: unknown[]): LocalChatAdapter {
  return {
    kind: 'local',
    async complete() {
      return completionWith(queued.length > 0 ? queued.shift() : VALID_USAGE);
    },
    async stream() {
      const usage = queued.length > 0 ? queued.shift() : VALID_USAGE;
      return (async function* () {
        yield chunk([{ index: 0, delta: { role: 'assistant', content: 'ok' }, finish_reason: null, logprobs: null }]);
        yield chunk([{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }]);
        yield chunk([], usage);
      })();
    },
  };
}

function poisonableRouter(strategy: StrategyName) {
  const state = new WatchedState();
  const queued: unknown[] = [];
  const router = testRouter({
    providers: { liar: { apiKeyRequired: false, chat: lyingProvider(queued) } },
    deployments: [{ id: 'only', model: 'm', provider: 'liar', pricing: PRICES, tpm: 1_000_000, rpm: 1_000 }],
    budgets: [
      { scope: 'global', maxUsd: 100 },
      { scope: 'user', maxUsd: 100 },
    ],
    limits: [{ scope: 'global', tpm: 1_000_000, rpm: 1_000 }],
    strategy,
    state,
    clock: new FakeClock(),
  });
  return { router, state, queued };
}

async function drained(router: Router, request: ChatCompletionRequest): Promise<void> {
  for await (const part of await router.completion({ ...request, stream: true, stream_options: { include_usage: true } }, { user: 'alice' })) void part;
}

/** What `valid` valid calls leave, read from every number the router keeps: no other call may have changed any of it. */
function expectOnlyValidCalls(router: Router, state: WatchedState, valid: number) {
  expect(router.spend()).toMatchObject({ spentUsd: 2 * valid, reservedUsd: 0 });
  expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ spentUsd: 2 * valid, reservedUsd: 0 });
  expect(state.counters.latest.get('tpm#0:global:')).toBe(12 * valid);
  expect(state.counters.amounts.filter((amount) => typeof amount !== 'number' || !Number.isFinite(amount))).toEqual([]);
  const { stats } = state;
  expect(stats.tokensThisMinute[SLOT]).toBe(12 * valid);
  expect(stats.outputMean[SLOT]).toBe(2);
  expect(stats.outputCount[SLOT]).toBe(valid);
  for (const series of [stats.latency, stats.ttft]) {
    expect(Array.from(series.sum).every(Number.isFinite)).toBe(true);
    expect(Array.from(series.values).every(Number.isFinite)).toBe(true);
  }
}

describe('usage a provider reports that is not token counts', () => {
  it.each(POISONED_USAGE)('(%s) leaves spend, budgets, limits and stats as valid calls left them', async (_, usage) => {
    for (const strategy of ['usage', 'least-latency', 'cost'] as const) {
      const { router, state, queued } = poisonableRouter(strategy);
      await router.completion(ask, { user: 'alice' });
      await drained(router, ask);

      queued.push(usage, usage);
      const answer = await router.completion(ask, { user: 'alice' });
      await drained(router, ask);
      await router.completion(ask, { user: 'alice' });

      expect(answer.costUsd).toBe(0);
      expectOnlyValidCalls(router, state, 3);
      expect(state.stats.requestsThisMinute[SLOT]).toBe(5);
    }
  });

  it('is told in one warning per deployment naming it and the counts', async () => {
    const { router, queued } = poisonableRouter('usage');
    const events = record(router, 'warning');
    queued.push({ prompt_tokens: NaN, completion_tokens: '3', total_tokens: -1 }, 5);
    await router.completion(ask);
    await router.completion(ask);
    expect(events.warning.map((event) => event.message)).toEqual([
      'liar (only) reported usage that is not token counts (prompt_tokens: NaN, completion_tokens: "3", total_tokens: -1): ' +
        'each such count is taken as 0 (a total as prompt plus completion) for spend, budgets and limits',
    ]);
  });

  it('counts the counts that are tokens, and a bad total as prompt plus completion', async () => {
    const { router, state, queued } = poisonableRouter('usage');
    queued.push({ prompt_tokens: 10, completion_tokens: 2, total_tokens: NaN });
    const answer = await router.completion(ask, { user: 'alice' });
    expect(answer.costUsd).toBe(2);
    expectOnlyValidCalls(router, state, 1);
  });

  it('from an OpenAI-shaped server (negative, huge, strings), over HTTP, streamed or not', async () => {
    const server = await mockServer(json(openAICompletion('ok', VALID_USAGE)));
    const poisoned = [
      { prompt_tokens: -5, completion_tokens: -5, total_tokens: -10 },
      { prompt_tokens: 1e300, completion_tokens: 1e300, total_tokens: 1e300 },
      { prompt_tokens: '10', completion_tokens: '2', total_tokens: '12' },
    ] as unknown as MockUsage[];
    for (const usage of poisoned) server.reply(json(openAICompletion('ok', usage)), sse(openAIStreamEvents(['ok'], usage)));
    const state = new WatchedState();
    const router = testRouter({
      deployments: [{ id: 'only', model: 'm', provider: 'openai', apiKey: 'sk-test', baseUrl: server.url, pricing: PRICES, tpm: 1_000_000 }],
      budgets: [{ scope: 'global', maxUsd: 100 }],
      limits: [{ scope: 'global', tpm: 1_000_000 }],
      strategy: 'least-latency',
      state,
      clock: new FakeClock(),
    });
    for (let i = 0; i < poisoned.length; i++) {
      await router.completion(ask, { user: 'alice' });
      await drained(router, ask);
    }
    await router.completion(ask, { user: 'alice' });
    expectOnlyValidCalls(router, state, 1);
  });
});

describe('a request that would make the estimate not a number', () => {
  it('is refused, and the router goes on serving with its budgets and limits exact', async () => {
    const { router, state } = poisonableRouter('usage');
    await router.completion(ask, { user: 'alice' });
    const refused = await rejectionOf(router.completion({ ...ask, max_tokens: { value: null } as unknown as number }, { user: 'alice' }));
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(refused).toMatchObject({ param: 'max_tokens' });
    await router.completion(ask, { user: 'alice' });
    expectOnlyValidCalls(router, state, 2);
  });
});
