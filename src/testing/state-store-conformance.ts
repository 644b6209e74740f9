import { expect } from 'vitest';
import { CallerRateLimitError, NoDeploymentAvailableError } from '../errors/router-side-errors.js';
import { newCircuit, type Circuit } from '../health/circuit.js';
import { Router } from '../router.js';
import { LATENCY_SAMPLES } from '../state/deployment-stats.js';
import type { StateStore } from '../state/state-store.js';
import type { ChatMessage } from '../types/chat.js';
import { closedAfterEachCase, declareConformance, type ConformanceCase, type ConformanceSkip } from './conformance-suite.js';

const HI: ChatMessage[] = [{ role: 'user', content: 'hi' }];
const NOW = 1_700_000_000_000;
const MINUTE_MS = 60_000;

/** A new store for one case, closed (when it has `close`) once the case ends. */
type NewStore = () => Promise<StateStore>;

/** A circuit with every field away from its default, so a field a store drops shows. */
function openCircuit(): Circuit {
  return {
    open: true,
    openedAt: NOW,
    reopensAt: NOW + 30_000,
    cooldownMs: 30_000,
    reason: 'RateLimitError',
    probing: true,
    consecutiveFailures: 3,
    windowStart: NOW - 1_000,
    windowRequests: 7,
    windowFailures: 4,
    previousRequests: 5,
    previousFailures: 1,
    totalSuccesses: 12,
    totalFailures: 6,
  };
}

async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable('the call was served'),
    (error: unknown) => error,
  );
}

/** The contract every store keeps, by the title each case runs under. */
const CASES = {
  'reads a circuit back as written, every field, and nothing for one never written': async (newStore: NewStore) => {
    const store = await newStore();
    expect(store.getCircuit('a')).toBeUndefined();
    store.setCircuit('a', openCircuit());
    expect(store.getCircuit('a')).toEqual(openCircuit());
    const closed = newCircuit(NOW);
    store.setCircuit('b', closed);
    expect(store.getCircuit('b')).toEqual(closed);
  },

  'keeps a copy of a circuit: the object written may be reused and changed by the router': async (newStore: NewStore) => {
    const store = await newStore();
    const written = openCircuit();
    store.setCircuit('a', written);
    written.open = false;
    written.totalSuccesses = 99;
    written.reason = undefined;
    expect(store.getCircuit('a')).toEqual(openCircuit());
  },

  'replaces a circuit on every write, keeps deployments apart, and forgets a deleted one': async (newStore: NewStore) => {
    const store = await newStore();
    store.setCircuit('a', openCircuit());
    store.setCircuit('b', newCircuit(NOW));
    const recovered = { ...openCircuit(), open: false, probing: false, reason: undefined, totalSuccesses: 13 };
    store.setCircuit('a', recovered);
    expect(store.getCircuit('a')).toEqual(recovered);
    expect(store.getCircuit('b')).toEqual(newCircuit(NOW));
    store.deleteCircuit('a');
    expect(store.getCircuit('a')).toBeUndefined();
    expect(store.getCircuit('b')).toEqual(newCircuit(NOW));
    store.deleteCircuit('never-written');
  },

  'adds to a counter within its window, returns each new value, and takes amounts back': async (newStore: NewStore) => {
    const { counters } = await newStore();
    const start = Math.floor(NOW / MINUTE_MS) * MINUTE_MS;
    expect(counters.get('k', start)).toBe(0);
    expect(counters.add('k', start, start + MINUTE_MS, 3)).toBe(3);
    expect(counters.add('k', start, start + MINUTE_MS, 0.25)).toBe(3.25);
    // A reservation released: what was added is taken back.
    expect(counters.add('k', start, start + MINUTE_MS, -3.25)).toBe(0);
    expect(counters.add('k', start, start + MINUTE_MS, 2)).toBe(2);
    expect(counters.get('k', start)).toBe(2);
  },

  'keeps counter keys apart, and forgets a deleted key': async (newStore: NewStore) => {
    const { counters } = await newStore();
    counters.add('user:alice', 0, Infinity, 1.5);
    counters.add('user:bob', 0, Infinity, 4);
    expect(counters.get('user:alice', 0)).toBe(1.5);
    expect(counters.get('user:bob', 0)).toBe(4);
    counters.delete('user:alice');
    expect(counters.get('user:alice', 0)).toBe(0);
    expect(counters.get('user:bob', 0)).toBe(4);
  },

  'starts a counter again in each new window as time moves on, and drops writes to one that is over': async (newStore: NewStore) => {
    const { counters } = await newStore();
    const minuteOf = (now: number) => Math.floor(now / MINUTE_MS) * MINUTE_MS;
    let now = NOW;
    const first = minuteOf(now);
    counters.add('rpm', first, first + MINUTE_MS, 5);
    now += MINUTE_MS;
    const second = minuteOf(now);
    expect(counters.get('rpm', second)).toBe(0);
    expect(counters.add('rpm', second, second + MINUTE_MS, 1)).toBe(1);
    // A call that began in the first minute settles late: the first minute is over.
    expect(counters.add('rpm', first, first + MINUTE_MS, 4)).toBe(0);
    expect(counters.get('rpm', second)).toBe(1);
    expect(counters.get('rpm', first)).toBe(0);
  },

  'keeps an all-time counter (window 0 to Infinity) however far time moves': async (newStore: NewStore) => {
    const { counters } = await newStore();
    counters.add('spend', 0, Infinity, 0.5);
    counters.add('spend:day', NOW, NOW + 86_400_000, 1);
    counters.add('spend:day', NOW + 86_400_000, NOW + 2 * 86_400_000, 1);
    expect(counters.add('spend', 0, Infinity, 0.25)).toBe(0.75);
    expect(counters.get('spend', 0)).toBe(0.75);
  },

  'gives each deployment its own stats slot and counts calls in flight and per minute': async (newStore: NewStore) => {
    const { stats } = await newStore();
    const a = stats.allocate();
    const b = stats.allocate();
    expect(a).not.toBe(b);
    expect(stats.begin(a, NOW, 100)).toBe(100);
    stats.begin(a, NOW, 50);
    expect(stats.inFlight[a]).toBe(2);
    expect(stats.inFlight[b]).toBe(0);
    expect(stats.requestsThisMinute[a]).toBe(2);
    expect(stats.tokensThisMinute[a]).toBe(150);
    // Each call ends: its reservation is replaced by what it used.
    const minute = Math.floor(NOW / MINUTE_MS);
    stats.end(a, minute, 100, 30);
    stats.end(a, minute, 50, 20);
    expect(stats.inFlight[a]).toBe(0);
    expect(stats.tokensThisMinute[a]).toBe(50);
    stats.currentMinute(a, NOW + MINUTE_MS);
    expect(stats.requestsThisMinute[a]).toBe(0);
    expect(stats.tokensThisMinute[a]).toBe(0);
  },

  'keeps recent latency samples and answers their mean, forgetting stale ones': async (newStore: NewStore) => {
    const { stats } = await newStore();
    const slot = stats.allocate();
    const ttlMs = 10_000;
    expect(stats.latency.read(slot, NOW, ttlMs)).toBeNaN();
    stats.addLatency(slot, 10, NOW, ttlMs);
    stats.addLatency(slot, 20, NOW, ttlMs);
    expect(stats.latency.read(slot, NOW, ttlMs)).toBe(15);
    for (let i = 0; i < LATENCY_SAMPLES; i++) stats.addLatency(slot, 4, NOW + 1, ttlMs);
    expect(stats.latency.read(slot, NOW + 1, ttlMs)).toBe(4);
    expect(stats.latency.read(slot, NOW + 1 + ttlMs + 1, ttlMs)).toBeNaN();
  },

  'holds cooldowns for every router on it: a circuit one opens keeps the others away': async (newStore: NewStore) => {
    const state = await newStore();
    const deployments = [{ model: 'm', provider: 'mock', id: 'only', params: { errorStatus: 429, retryAfterMs: 60_000 } }];
    const [first, second] = [new Router({ state, retries: 0, deployments }), new Router({ state, retries: 0, deployments })];
    expect(await rejectionOf(first.completion({ model: 'm', messages: HI }))).toMatchObject({ name: 'RateLimitError' });
    expect(state.getCircuit('only')).toMatchObject({ open: true, reason: 'RateLimitError' });
    expect(second.health()[0]).toMatchObject({ deploymentId: 'only', state: 'open', failures: 1 });
    expect(await rejectionOf(second.completion({ model: 'm', messages: HI }))).toBeInstanceOf(NoDeploymentAvailableError);
    await Promise.all([first.close(), second.close()]);
  },

  'keeps every outcome a router records there, per deployment': async (newStore: NewStore) => {
    const state = await newStore();
    const router = new Router({
      state,
      retries: 0,
      cooldown: { allowedFails: 5, minRequests: 10 },
      deployments: [
        { model: 'up', provider: 'mock', id: 'ok' },
        { model: 'down', provider: 'mock', id: 'bad', params: { errorStatus: 500 } },
      ],
    });
    for (const model of ['up', 'up', 'down', 'down']) await router.completion({ model, messages: HI }).catch(() => undefined);
    expect(state.getCircuit('ok')).toMatchObject({ open: false, totalSuccesses: 2, totalFailures: 0 });
    expect(state.getCircuit('bad')).toMatchObject({ open: false, totalSuccesses: 0, totalFailures: 2, consecutiveFailures: 2 });
    expect(router.health().map(({ deploymentId, successes, failures }) => ({ deploymentId, successes, failures }))).toEqual([
      { deploymentId: 'ok', successes: 2, failures: 0 },
      { deploymentId: 'bad', successes: 0, failures: 2 },
    ]);
    await router.close();
  },

  'shares spend and caller rate counts between the routers on it': async (newStore: NewStore) => {
    const state = await newStore();
    const options = {
      state,
      budgets: [{ scope: 'user' as const, id: 'alice', maxUsd: 100 }],
      limits: [{ scope: 'user' as const, id: 'alice', rpm: 1 }],
      // $1 per 1,000 output tokens, and 100 of them: $0.10 a call.
      deployments: [
        { model: 'm', provider: 'mock', pricing: { inputPerMTok: 0, outputPerMTok: 1_000 }, params: { usage: { prompt_tokens: 10, completion_tokens: 100 } } },
      ],
    };
    const [first, second] = [new Router(options), new Router(options)];
    await first.completion({ model: 'm', messages: HI }, { user: 'alice' });
    expect(second.spend({ scope: 'user', id: 'alice' }).spentUsd).toBeCloseTo(0.1, 9);
    expect(await rejectionOf(second.completion({ model: 'm', messages: HI }, { user: 'alice' }))).toBeInstanceOf(CallerRateLimitError);
    await Promise.all([first.close(), second.close()]);
  },
} satisfies Record<string, ConformanceCase<NewStore>>;

export type StateStoreConformanceCase = keyof typeof CASES;

export interface StateStoreConformanceOptions {
  /** A new, empty store; each case makes its own (and closes it after the case, when it has `close()`). */
  newStore: () => StateStore | Promise<StateStore>;
  /** The suite's title: `state store <name>`. */
  name?: string;
  /** Cases that do not apply to this store, each group with the reason. They are reported as skipped, with it. */
  skip?: ReadonlyArray<ConformanceSkip<StateStoreConformanceCase>>;
}

/**
 * Declares (with vitest's `describe` and `it`) the cases every `StateStore` must pass:
 * circuits round-trip as plain data and the store keeps copies, counters add within a
 * window, start again in the next and keep keys apart, stats count calls in flight and
 * latency, and routers on one store share its cooldowns, spend and rate counts. Call it
 * at the top of a test file.
 */
export function runStateStoreConformance({ newStore, name, skip = [] }: StateStoreConformanceOptions): void {
  const opened: NewStore = closedAfterEachCase(newStore);
  declareConformance('runStateStoreConformance', `state store ${name ?? 'StateStore'}`, CASES, opened, skip);
}
