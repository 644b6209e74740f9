import { expect } from 'vitest';
import { Router } from '../router.js';
import { DeploymentStats } from '../state/deployment-stats.js';
import type { RoutingStrategy } from '../strategies/routing-strategy.js';
import type { ChatCompletionRequest, ChatMessage } from '../types/chat.js';
import { declareConformance, type ConformanceCase, type ConformanceSkip } from './conformance-suite.js';
import { seededRandom } from './seeded-random.js';
import { watchReads } from './stats-reads.js';
import { contextFor, deploymentsFor } from './strategy-fixtures.js';

const HI: ChatMessage[] = [{ role: 'user', content: 'hi' }];
const FIXED_NOW = 1_700_000_000_000;

type NewStrategy = () => RoutingStrategy;

/** The contract every strategy keeps, by the title each case runs under. */
const CASES = {
  'only ever picks among the candidates it is given': (newStrategy: NewStrategy) => {
    const stats = new DeploymentStats();
    const all = deploymentsFor(20, stats, (i) => ({ weight: i + 1, rpm: 1_000 * (i + 1), pricing: { inputPerMTok: i, outputPerMTok: i } }));
    const strategy = newStrategy();
    const random = seededRandom(1);
    // A group the filters leave whole is the same list on every request; a filtered one is new each time.
    const recurring = all.filter((_, i) => i % 4 !== 0);
    for (let round = 0; round < 200; round++) {
      const candidates = round % 2 === 0 ? recurring : all.filter((_, i) => (i * 7 + round) % 3 !== 0);
      expect(candidates).toContain(strategy.pick(candidates, contextFor(stats, random)));
    }
  },

  'handles a group of one': (newStrategy: NewStrategy) => {
    const stats = new DeploymentStats();
    const [only] = deploymentsFor(1, stats);
    expect(newStrategy().pick([only!], contextFor(stats, seededRandom(2)))).toBe(only);
  },

  'never picks a deployment the router filtered out, even under concurrent calls': async (newStrategy: NewStrategy) => {
    const router = new Router({
      strategy: newStrategy(),
      retries: 0,
      deployments: [{ model: 'm', provider: 'mock', id: 'down', params: { errorStatus: 401 } }],
    });
    // Alone in its group, 'down' is picked and its circuit opens; then the healthy ones join.
    await router.completion({ model: 'm', messages: HI }).catch(() => undefined);
    expect(router.health().find((h) => h.deploymentId === 'down')?.state).toBe('open');
    router.addDeployment({ model: 'm', provider: 'mock', id: 'up1', params: { latencyMs: 5 } });
    router.addDeployment({ model: 'm', provider: 'mock', id: 'up2', params: { latencyMs: 5 } });

    const served: string[] = [];
    router.on('request', (e) => void served.push(e.deploymentId));
    await Promise.all(Array.from({ length: 40 }, () => router.completion({ model: 'm', messages: HI })));
    expect(served).toHaveLength(40);
    expect(served).not.toContain('down');
  },

  'is deterministic with a seeded random source and a fixed clock': async (newStrategy: NewStrategy) => {
    const run = async () => {
      const router = new Router({
        strategy: newStrategy(),
        random: seededRandom(7),
        now: () => FIXED_NOW,
        deployments: ['a', 'b', 'c', 'd'].map((id, i) => ({ model: 'm', provider: 'mock', id, weight: i + 1, pricing: { inputPerMTok: 1, outputPerMTok: 1 } })),
      });
      const order: string[] = [];
      router.on('request', (e) => void order.push(e.deploymentId));
      for (let i = 0; i < 25; i++) await router.completion({ model: 'm', messages: HI });
      return order;
    };
    const first = await run();
    expect(first).toHaveLength(25);
    expect(await run()).toEqual(first);
  },

  'shares no state between instances': (newStrategy: NewStrategy) => {
    const stats = new DeploymentStats();
    const candidates = deploymentsFor(5, stats, (i) => ({ weight: i + 1 }));
    const picks = (strategy: RoutingStrategy) => {
      const random = seededRandom(3);
      return Array.from({ length: 12 }, () => strategy.pick(candidates, contextFor(stats, random)).id);
    };
    // Two routers each build their own instance: the second must start where the first did.
    expect(picks(newStrategy())).toEqual(picks(newStrategy()));
  },

  'reads only the stats it declares': (newStrategy: NewStrategy, skip: (note: string) => never) => {
    const strategy = newStrategy();
    const declared = strategy.reads;
    if (declared === undefined) skip('declares no `reads`, so it may read every stat');
    const table = new DeploymentStats();
    const all = deploymentsFor(6, table, (i) => ({ rpm: 100, tpm: 10_000, pricing: { inputPerMTok: i + 1, outputPerMTok: i + 1 } }));
    // Watched from here on: only what the strategy reads while it picks.
    const { stats, read } = watchReads(table);
    const requests: ChatCompletionRequest[] = [
      { model: 'm', messages: HI },
      { model: 'm', messages: HI, stream: true },
      { model: 'm', messages: HI, max_tokens: 50 },
    ];
    const random = seededRandom(4);
    for (const request of requests) {
      for (let round = 0; round < 3; round++) {
        strategy.pick(all, { ...contextFor(stats, random), request });
        strategy.pick(all.slice(round), { ...contextFor(stats, random), request });
      }
    }
    expect(
      [...read].filter((kind) => declared[kind] !== true),
      'stats read but left out of `reads`',
    ).toEqual([]);
  },
} satisfies Record<string, ConformanceCase<NewStrategy>>;

export type StrategyConformanceCase = keyof typeof CASES;

export interface StrategyConformanceOptions {
  /** A new instance of the strategy under test; each case makes its own, as each router does. */
  newStrategy: () => RoutingStrategy;
  /** The suite's title: `strategy <name>`. Default the strategy's `name`. */
  name?: string;
  /** Cases that do not apply to this strategy, each group with the reason. They are reported as skipped, with it. */
  skip?: ReadonlyArray<ConformanceSkip<StrategyConformanceCase>>;
}

/**
 * Declares (with vitest's `describe` and `it`) the cases every routing strategy must pass:
 * it picks only among its candidates, copes with one, never gets past the router's
 * filters, is repeatable under a seeded random source and a fixed clock, keeps its state
 * per instance, and reads only the stats it declares. Call it at the top of a test file.
 */
export function runStrategyConformance({ newStrategy, name, skip = [] }: StrategyConformanceOptions): void {
  declareConformance('runStrategyConformance', `strategy ${name ?? newStrategy().name}`, CASES, newStrategy, skip);
}
