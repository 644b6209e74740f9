import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import type { CachedAnswer, CacheStore } from '../cache/cache-store.js';
import { closedAfterEachCase, declareConformance, type ConformanceCase, type ConformanceSkip } from './conformance-suite.js';

const NOW = 1_700_000_000_000;
const HOUR_MS = 3_600_000;
/** Short enough to wait for; long enough that a set and its first get fall inside it. */
const SHORT_TTL_MS = 50;
/** How long an entry may outlive its ttl: a store's expiry runs on its own clock and timers. */
const EXPIRY_BOUND_MS = 2_000;

/** A new store for one case, closed (when it has `close`) once the case ends. */
type NewStore = () => Promise<CacheStore>;

/** An answer with every field set, tool calls, logprobs and detailed usage included, so a field a store drops shows. */
function fullAnswer(text = 'Paris.'): CachedAnswer {
  return {
    completion: {
      id: 'chatcmpl-conformance',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_1234',
      service_tier: 'default',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: text,
            refusal: null,
            reasoning_content: 'The user asks for a capital; look it up.',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"country":"France","unicode":"é ✓ 🚀"}' } },
              { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{}' } },
            ],
          },
          logprobs: { content: [{ token: 'Paris', bytes: [80, 97, 114, 105, 115], logprob: -0.01, top_logprobs: [] }], refusal: null },
        },
        { index: 1, finish_reason: 'stop', message: { role: 'assistant', content: 'Lyon?', refusal: null }, logprobs: null },
      ],
      usage: {
        prompt_tokens: 42,
        completion_tokens: 17,
        total_tokens: 59,
        prompt_tokens_details: { cached_tokens: 8, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 5, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
    },
    costUsd: 0.000_123_4,
    storedAt: NOW,
    expiresAt: NOW + HOUR_MS,
  };
}

/** Tries to change `answer` everywhere; a store may hand out frozen answers, so a change that throws is fine. */
function tamperWith(answer: CachedAnswer): void {
  const attempts: Array<() => void> = [
    () => (answer.completion.choices[0]!.message.content = 'changed'),
    () => answer.completion.choices[0]!.message.tool_calls!.push({ id: 'call_3', type: 'function', function: { name: 'x', arguments: '{}' } }),
    () => (answer.completion.usage!.total_tokens = 0),
    () => answer.completion.choices.pop(),
    () => (answer.costUsd = 99),
    () => (answer.expiresAt = 0),
  ];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch {
      // Read-only: nothing changed.
    }
  }
}

/** The contract every store keeps, by the title each case runs under. */
const CASES = {
  'misses a key never set': async (newStore: NewStore) => {
    const store = await newStore();
    expect(await store.get('never-set')).toBeUndefined();
  },

  'gives back what was set, every field: the completion with its usage and tool calls, the cost and both times': async (newStore: NewStore) => {
    const store = await newStore();
    await store.set('full', fullAnswer(), HOUR_MS);
    expect(await store.get('full')).toEqual(fullAnswer());
    const unpriced = { ...fullAnswer('unpriced'), costUsd: undefined };
    await store.set('unpriced', unpriced, HOUR_MS);
    expect(await store.get('unpriced')).toEqual(unpriced);
  },

  'replaces an answer on a new set': async (newStore: NewStore) => {
    const store = await newStore();
    await store.set('k', fullAnswer('first'), HOUR_MS);
    const second = { ...fullAnswer('second'), costUsd: 0.5, storedAt: NOW + 1, expiresAt: NOW + 2 * HOUR_MS };
    await store.set('k', second, HOUR_MS);
    expect(await store.get('k')).toEqual(second);
  },

  'forgets a deleted key, and deleting a key never set does nothing': async (newStore: NewStore) => {
    const store = await newStore();
    await store.set('gone', fullAnswer(), HOUR_MS);
    await store.delete('gone');
    expect(await store.get('gone')).toBeUndefined();
    await store.delete('never-set');
    await store.set('gone', fullAnswer('again'), HOUR_MS);
    expect(await store.get('gone')).toEqual(fullAnswer('again'));
  },

  'keeps keys apart, however alike': async (newStore: NewStore) => {
    const store = await newStore();
    const keys = ['a', 'A', 'a:b', 'a:', 'ab', ' a', 'é', 'f'.repeat(64), 'user:alice:9f86d081884c7d659a2feaa0c55ad015'];
    for (const key of keys) await store.set(key, fullAnswer(`answer to ${key}`), HOUR_MS);
    for (const key of keys) expect(await store.get(key), key).toEqual(fullAnswer(`answer to ${key}`));
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    for (const key of keys.slice(1)) expect(await store.get(key), key).toEqual(fullAnswer(`answer to ${key}`));
  },

  'drops an entry once its ttlMs is over, and keeps one whose ttlMs is not': async (newStore: NewStore) => {
    const store = await newStore();
    await store.set('long', fullAnswer('long'), HOUR_MS);
    await store.set('short', fullAnswer('short'), SHORT_TTL_MS);
    const bound = performance.now() + SHORT_TTL_MS + EXPIRY_BOUND_MS;
    while ((await store.get('short')) !== undefined) {
      if (performance.now() > bound) expect.unreachable(`an entry set with ttlMs ${SHORT_TTL_MS} was still there ${EXPIRY_BOUND_MS} ms after it`);
      await delay(10);
    }
    expect(await store.get('long')).toEqual(fullAnswer('long'));
  },

  'keeps a copy: changing the answer after set changes nothing stored': async (newStore: NewStore) => {
    const store = await newStore();
    const answer = fullAnswer();
    await store.set('k', answer, HOUR_MS);
    tamperWith(answer);
    expect(await store.get('k')).toEqual(fullAnswer());
  },
} satisfies Record<string, ConformanceCase<NewStore>>;

export type CacheStoreConformanceCase = keyof typeof CASES;

export interface CacheStoreConformanceOptions {
  /** A new, empty store; each case makes its own (and closes it after the case, when it has `close()`). */
  newStore: () => CacheStore | Promise<CacheStore>;
  /** The suite's title: `cache store <name>`. */
  name?: string;
  /** Cases that do not apply to this store, each group with the reason. They are reported as skipped, with it. */
  skip?: ReadonlyArray<ConformanceSkip<CacheStoreConformanceCase>>;
}

/**
 * Declares (with vitest's `describe` and `it`) the cases every `CacheStore` must pass,
 * sync or async: a key never set is a miss; an answer comes back as set, every field
 * (it is plain JSON: a field set to `undefined` may come back absent); a set replaces, a
 * delete forgets, keys are kept apart; an entry is gone within 2 s after its `ttlMs`
 * (50 ms here, on the store's own clock); and a store keeps its own copy: changing the
 * object given to `set` never changes what is stored. What `get` hands out may be the
 * store's own object (as `MemoryCacheStore` does, so neither a hit nor a miss pays for
 * more than one copy): it is read-only, and the router never changes it (it hands its
 * caller a copy). Call it at the top of a test file.
 */
export function runCacheStoreConformance({ newStore, name, skip = [] }: CacheStoreConformanceOptions): void {
  const opened: NewStore = closedAfterEachCase(newStore);
  declareConformance('runCacheStoreConformance', `cache store ${name ?? 'CacheStore'}`, CASES, opened, skip);
}
