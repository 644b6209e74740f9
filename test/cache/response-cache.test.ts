import { type ChatCompletion, type ChatCompletionRequest, type RouterOptions } from 'switchyard';
import { describe, expect, it } from 'vitest';
import type { CacheStore } from '../../src/cache/cache-store.js';
import { record } from '../support/events.js';
import { FakeClock, settle } from '../support/fake-clock.js';
import type { MockProviderServer } from '../support/mock-provider-server.js';
import { json, openAICompletion, openAIStreamEvents, sse } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';
import { collect, textOf } from '../support/streams.js';

const ask = (content = 'What is the capital of France?'): ChatCompletionRequest & { stream?: false } => ({
  model: 'chat',
  messages: [{ role: 'user', content }],
});
/** $1 per million tokens each way: a call of 9 + 12 tokens costs $0.000021. */
const PRICING = { inputPerMTok: 1, outputPerMTok: 1 };
const CALL_USD = 21 / 1_000_000;

async function cachedRouter(options: Omit<RouterOptions, 'deployments'> = { cache: {} }, reply = json(openAICompletion('Paris'))) {
  const server = await mockServer(reply);
  const router = testRouter({
    ...options,
    deployments: [{ model: 'chat', provider: 'openai', id: 'a', baseUrl: server.url, apiKey: 'sk-test', pricing: PRICING }],
  });
  return { server, router };
}

const callsOf = (server: MockProviderServer) => server.calls.length;

describe('the response cache', () => {
  it('answers an identical call from the cache: no provider call, the original usage, cost 0, and events that say so', async () => {
    const { server, router } = await cachedRouter();
    const events = record(router, 'success', 'cache-hit');
    const first = await router.completion(ask());
    const second = await router.completion(ask());
    expect(callsOf(server)).toBe(1);
    expect(second).toEqual(first);
    expect(first.costUsd).toBeCloseTo(CALL_USD, 12);
    expect(second.costUsd).toBe(0);
    expect(events['cache-hit']).toHaveLength(1);
    expect(events['cache-hit'][0]).toMatchObject({ model: 'chat', deploymentId: 'a', provider: 'openai', stream: false });
    expect(events['cache-hit'][0]?.savedUsd).toBeCloseTo(CALL_USD, 12);
    expect(events.success.map((e) => [e.cacheHit, e.costUsd === 0, e.attempts])).toEqual([
      [false, false, 1],
      [true, true, 0],
    ]);
    expect(events.success[1]?.savedUsd).toBeCloseTo(CALL_USD, 12);
    expect(events.success[1]?.usage).toEqual(first.usage);
    // The caller owns what it gets: changing it changes nothing cached.
    (second.choices[0] as { message: { content: string } }).message.content = 'changed';
    expect((await router.completion(ask())).choices[0]?.message.content).toBe('Paris');
  });

  it('misses when a field that changes the answer differs, and hits whatever user, metadata or property order', async () => {
    const { server, router } = await cachedRouter();
    await router.completion({ ...ask(), temperature: 0.2 });
    await router.completion(
      { temperature: 0.2, messages: [{ content: 'What is the capital of France?', role: 'user' }], model: 'chat' },
      { user: 'bob', metadata: { x: 1 } },
    );
    expect(callsOf(server)).toBe(1);
    await router.completion({ ...ask(), temperature: 0.3 });
    await router.completion({ ...ask(), temperature: 0.2, max_tokens: 5 });
    await router.completion(ask('What is the capital of Spain?'));
    expect(callsOf(server)).toBe(4);
  });

  it('serves an answer for its ttlMs on the router clock, then calls the provider again', async () => {
    const clock = new FakeClock();
    const { server, router } = await cachedRouter({ clock, cache: { ttlMs: 60_000 } });
    await router.completion(ask());
    await clock.advance(59_999);
    await router.completion(ask());
    expect(callsOf(server)).toBe(1);
    await clock.advance(1);
    await router.completion(ask());
    expect(callsOf(server)).toBe(2);
  });

  it('noCache skips the look-up, noStore the write, ttlMs is this answer’s, namespace a key space of its own', async () => {
    const clock = new FakeClock();
    const { server, router } = await cachedRouter({ clock, cache: { ttlMs: 60_000 } });
    await router.completion(ask(), { cache: { noStore: true } });
    await router.completion(ask());
    expect(callsOf(server)).toBe(2);
    await router.completion(ask(), { cache: { noCache: true } });
    expect(callsOf(server)).toBe(3);
    await router.completion(ask(), { cache: { namespace: 'eval-7' } });
    await router.completion(ask(), { cache: { namespace: 'eval-7' } });
    expect(callsOf(server)).toBe(4);
    await router.completion(ask('short-lived'), { cache: { ttlMs: 1_000 } });
    await clock.advance(1_000);
    await router.completion(ask('short-lived'));
    expect(callsOf(server)).toBe(6);
  });

  it("scope 'user' never shares an answer between two users, and does not cache calls without a user", async () => {
    const { server, router } = await cachedRouter({ cache: { scope: 'user' } });
    await router.completion(ask(), { user: 'alice' });
    await router.completion(ask(), { user: 'alice' });
    await router.completion(ask(), { user: 'bob' });
    await router.completion(ask());
    await router.completion(ask());
    expect(callsOf(server)).toBe(4);
  });

  it('caches only the model groups listed in models', async () => {
    const { server, router } = await cachedRouter({ cache: { models: ['other'] } });
    await router.completion(ask());
    await router.completion(ask());
    expect(callsOf(server)).toBe(2);
  });

  it('stores a completed stream and serves it to a streaming and to a non-streaming call, usage included when asked', async () => {
    const { server, router } = await cachedRouter({ cache: {} }, sse(openAIStreamEvents(['Pa', 'ris'])));
    const streamed = await router.completion({ ...ask(), stream: true });
    expect(textOf(await collect(streamed))).toBe('Paris');
    const replayed = await router.completion({ ...ask(), stream: true, stream_options: { include_usage: true } });
    const chunks = await collect(replayed);
    expect(textOf(chunks)).toBe('Paris');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 } });
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    const whole = await router.completion(ask());
    expect(whole.choices[0]?.message.content).toBe('Paris');
    expect(callsOf(server)).toBe(1);
  });

  it('never stores a stream its caller stopped reading, one that broke, or an answer cut by the content filter', async () => {
    const { server, router } = await cachedRouter({ cache: {} }, sse(openAIStreamEvents(['Pa', 'ris'])));
    const stopped = await router.completion({ ...ask(), stream: true });
    for await (const _chunk of stopped) break;
    await router.completion({ ...ask(), stream: true }).then(collect);
    expect(callsOf(server)).toBe(2);

    server.reply(sse(openAIStreamEvents(['Ber', 'lin']).slice(0, 2), { end: 'destroy' }));
    await expect(router.completion({ ...ask('Germany?'), stream: true }).then(collect)).rejects.toThrow();
    await router.completion({ ...ask('Germany?'), stream: true }).then(collect);
    expect(callsOf(server)).toBe(4);

    const filtered: ChatCompletion = {
      ...openAICompletion('…'),
      choices: [{ index: 0, message: { role: 'assistant', content: '…', refusal: null }, finish_reason: 'content_filter', logprobs: null }],
    } as never;
    server.reply(json(filtered), json(filtered));
    await router.completion(ask('Filtered?'));
    await router.completion(ask('Filtered?'));
    expect(callsOf(server)).toBe(6);
  });

  it('joins 20 identical calls in flight into one provider call, streams too', async () => {
    const { server, router } = await cachedRouter({ cache: {} }, { kind: 'json', body: openAICompletion('Paris'), delayMs: 50 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => router.completion(ask())));
    expect(callsOf(server)).toBe(1);
    expect(new Set(answers.map((a) => a.choices[0]?.message.content))).toEqual(new Set(['Paris']));

    server.setDefault(sse(openAIStreamEvents(['Ro', 'me']), { eventDelayMs: 10 }));
    const streams = await Promise.all(Array.from({ length: 20 }, () => router.completion({ ...ask('Italy?'), stream: true }).then(collect)));
    expect(callsOf(server)).toBe(2);
    expect(new Set(streams.map(textOf))).toEqual(new Set(['Rome']));
  });

  it('lets the joiners of a call that failed try on their own', async () => {
    const { server, router } = await cachedRouter({ cache: {}, retries: 0 }, json(openAICompletion('Paris')));
    server.reply({ kind: 'json', body: { error: { message: 'bad', type: 'invalid_request_error' } }, status: 400, delayMs: 30 });
    const outcomes = await Promise.allSettled(Array.from({ length: 3 }, () => router.completion(ask())));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('takes a store that fails as a miss, with one warning, and serves every call', async () => {
    const failing: CacheStore = {
      get: () => Promise.reject(new Error('store down')),
      set: () => Promise.reject(new Error('store down')),
      delete: () => undefined,
    };
    const { server, router } = await cachedRouter({ cache: { store: failing } });
    const events = record(router, 'warning');
    for (let i = 0; i < 3; i++) await router.completion(ask());
    await settle();
    expect(callsOf(server)).toBe(3);
    expect(events.warning.filter((w) => /response cache/.test(w.message))).toHaveLength(1);
  });

  it('rejects bad cache options with errors that name them', async () => {
    const { router } = await cachedRouter();
    await expect(router.completion(ask(), { cache: { noCache: 'yes' } as never })).rejects.toMatchObject({ param: 'options.cache.noCache' });
    await expect(router.completion(ask(), { cache: { ttl: 5 } as never })).rejects.toMatchObject({ param: 'options.cache.ttl' });
    expect(() => testRouter({ deployments: [{ model: 'chat', provider: 'mock' }], cache: { scope: 'org' } as never })).toThrow(/cache\.scope/);
  });
});
