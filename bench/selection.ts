/**
 * Selection cost: one pick of every strategy at 10, 1,000 and 10,000 deployments in one
 * group, and the whole `completion` path on the mock provider at each size.
 *
 *   npm run bench:selection
 */
import { DeploymentStats, Router, type Deployment, type PickContext, type RoutingStrategy, type StrategyName } from 'switchyard';
import { BUILT_IN_STRATEGIES } from '../src/strategies/built-in-strategies.js';
import { contextFor, deploymentsFor } from '../src/testing/strategy-fixtures.js';
import { runBench } from './bench-process.js';

const SIZES = [10, 1_000, 10_000];
const STRATEGIES = Object.entries(BUILT_IN_STRATEGIES);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

/** Nanoseconds per call of `fn`, best of five batches (the least disturbed by GC and the other core). */
function nsPerCall(fn: () => unknown, calls: number): number {
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / calls);
  }
  return best;
}

type Scanning = { scan(candidates: readonly Deployment[], context: PickContext): Deployment };

function pickCost(strategy: RoutingStrategy, size: number, scanOnly = false): number {
  const stats = new DeploymentStats();
  const candidates = deploymentsFor(size, stats, (i) => ({
    weight: 1 + (i % 7),
    rpm: 1_000 + i,
    tpm: 100_000 + i,
    pricing: { inputPerMTok: 1 + (i % 5), outputPerMTok: 2 + (i % 3) },
  }));
  const now = 1_700_000_000_000;
  // No deployment idle, unmeasured or unused: every strategy has to look at every candidate.
  candidates.forEach((d, i) => {
    const slot = d.stats.slot;
    stats.inFlight[slot] = 1 + (i % 4);
    stats.latency.add(slot, 10 + (i % 50), now, 3_600_000);
    stats.currentMinute(slot, now);
    stats.requestsThisMinute[slot] = 1 + (i % 3);
  });
  const context = contextFor(stats, Math.random, () => now);
  const calls = Math.max(50, Math.round((size <= 10 ? 200_000 : size <= 1_000 ? 20_000 : 2_000) * SCALE));
  if (scanOnly) return nsPerCall(() => (strategy as unknown as Scanning).scan(candidates, context), calls);
  return nsPerCall(() => strategy.pick(candidates, context), calls);
}

async function completionCost(strategy: StrategyName, size: number): Promise<number> {
  const router = new Router({
    strategy,
    deployments: Array.from({ length: size }, (_, i) => ({
      model: 'm',
      provider: 'mock',
      id: `d${i}`,
      rpm: 1_000_000,
      pricing: { inputPerMTok: 1 + (i % 5), outputPerMTok: 2 },
    })),
  });
  const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
  const calls = Math.max(200, Math.round(20_000 * SCALE));
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await router.completion(request);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / calls);
  }
  return best;
}

async function main(): Promise<void> {
  const us = (ns: number) => (ns / 1_000).toFixed(2).padStart(8);
  console.log('one pick, µs (goal: < 2 at 10 deployments, < 20 at 10,000)\n');
  console.log(`strategy        ${SIZES.map((s) => String(s).padStart(8)).join('')}`);
  for (const [name, make] of STRATEGIES) {
    console.log(`${name.padEnd(16)}${SIZES.map((size) => us(pickCost(make(), size))).join('')}`);
  }
  console.log('\na pick over a filtered group (some deployment cooling down or full): a scan, µs\n');
  console.log(`strategy        ${SIZES.map((s) => String(s).padStart(8)).join('')}`);
  for (const [name, make] of STRATEGIES) {
    if (!('scan' in make())) continue;
    console.log(`${name.padEnd(16)}${SIZES.map((size) => us(pickCost(make(), size, true))).join('')}`);
  }
  console.log('\nwhole completion() on the mock provider, µs (goal: 10,000 within 1.5× of 10)\n');
  console.log(`strategy        ${SIZES.map((s) => String(s).padStart(8)).join('')}   ratio`);
  for (const [name] of STRATEGIES) {
    const costs = [];
    for (const size of SIZES) costs.push(await completionCost(name as StrategyName, size));
    console.log(`${name.padEnd(16)}${costs.map(us).join('')}   ${((costs[2] as number) / (costs[0] as number)).toFixed(2)}`);
  }
}

runBench(main);
