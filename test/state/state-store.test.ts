import { describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  CallerRateLimitError,
  DeploymentStats,
  MemoryWindowCounters,
  NoDeploymentAvailableError,
  RateLimitError,
  type Circuit,
  type StateStore,
} from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { failing } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';
import { billingServer, EASY_PRICES } from '../support/spend-fixtures.js';

/** A user's own store: plain maps behind the interface, logging what the router writes. */
function ownStore() {
  const circuits = new Map<string, Circuit>();
  const writes: string[] = [];
  const counters = new MemoryWindowCounters();
  const store: StateStore = {
    stats: new DeploymentStats(),
    counters: {
      get: (key, windowStart) => counters.get(key, windowStart),
      add: (key, windowStart, windowEnd, amount) => {
        writes.push(`counter ${key}`);
        return counters.add(key, windowStart, windowEnd, amount);
      },
      delete: (key) => counters.delete(key),
    },
    getCircuit: (id) => circuits.get(id),
    setCircuit: (id, circuit) => {
      writes.push(`circuit ${id} ${circuit.open ? 'open' : 'closed'}`);
      circuits.set(id, { ...circuit });
    },
    deleteCircuit: (id) => void circuits.delete(id),
  };
  return { store, circuits, writes };
}

describe('a StateStore passed as state', () => {
  it('holds the cooldowns: a circuit one router opens there keeps another router on the same store away', async () => {
    const { store, circuits, writes } = ownStore();
    const server = await mockServer(failing(429, { 'retry-after': '60' }));
    const routers = [1, 2].map(() => testRouter({ retries: 0, state: store, deployments: [openAIDeployment(server, 'm', { id: 'only' })] }));

    expect(await rejectionOf(routers[0]!.completion({ model: 'm', messages: hi }))).toBeInstanceOf(RateLimitError);
    expect(writes).toContain('circuit only open');
    expect(circuits.get('only')).toMatchObject({ open: true, reason: 'RateLimitError' });

    expect(routers[1]!.health()[0]).toMatchObject({ deploymentId: 'only', state: 'open', failures: 1 });
    expect(await rejectionOf(routers[1]!.completion({ model: 'm', messages: hi }))).toBeInstanceOf(NoDeploymentAvailableError);
    expect(server.calls).toHaveLength(1);
  });

  it('is read for the circuits it already holds', async () => {
    const { store, circuits } = ownStore();
    const server = await mockServer(failing(500));
    const router = testRouter({ retries: 0, state: store, now: () => 1_000, deployments: [openAIDeployment(server, 'm', { id: 'only' })] });
    const stored = { open: true, openedAt: 0, reopensAt: 61_000, cooldownMs: 61_000, reason: 'InternalServerError', probing: false };
    const counts = {
      consecutiveFailures: 3,
      windowStart: 0,
      windowRequests: 3,
      windowFailures: 3,
      previousRequests: 0,
      previousFailures: 0,
      totalSuccesses: 0,
      totalFailures: 3,
    };
    circuits.set('only', { ...stored, ...counts });

    expect(router.health()[0]).toMatchObject({ state: 'open', failures: 3, reopensAt: 61_000 });
    expect(await rejectionOf(router.completion({ model: 'm', messages: hi }))).toMatchObject({ name: 'NoDeploymentAvailableError', retryAfterMs: 60_000 });
    expect(server.calls).toHaveLength(0);
  });

  it('holds spend and rate counts in its counters, shared by the routers on it', async () => {
    const { store, writes } = ownStore();
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 100 });
    const options = {
      state: store,
      budgets: [{ scope: 'team' as const, id: 'red', maxUsd: 0.1 }],
      limits: [{ scope: 'user' as const, id: 'alice', rpm: 1 }],
      // Budgets reserve an answer's expected length: 100 tokens, $0.10, as the server answers.
      deployments: [openAIDeployment(server, 'chat', { pricing: EASY_PRICES, maxOutputTokens: 100 })],
    };
    const [first, second] = [testRouter(options), testRouter(options)];

    await first.completion({ model: 'chat', messages: hi }, { team: 'red', user: 'alice' });
    expect(writes.filter((w) => w.startsWith('counter')).length).toBeGreaterThan(0);
    expect(second.spend({ scope: 'team', id: 'red' }).spentUsd).toBeCloseTo(0.1, 9);

    expect(await rejectionOf(second.completion({ model: 'chat', messages: hi }, { team: 'red' }))).toBeInstanceOf(BudgetExceededError);
    expect(await rejectionOf(second.completion({ model: 'chat', messages: hi }, { user: 'alice' }))).toBeInstanceOf(CallerRateLimitError);
    expect(server.calls).toHaveLength(1);
  });
});
