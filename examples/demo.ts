/**
 * switchyard demo: three deployments of one model on the built-in mock provider (no API
 * keys, no network), 100 requests, and what the router and its events saw.
 *
 *   npm run demo             the mock run
 *   npm run demo -- --live   one real call to OpenAI (needs OPENAI_API_KEY)
 */
import { Router, RouterError, type FailureEvent, type SuccessEvent } from 'switchyard';
import { printTable } from './print-table.js';

const REQUESTS = 100;
const CONCURRENCY = 10;

async function mockRun(): Promise<void> {
  const router = new Router({
    deployments: [
      { model: 'chat', provider: 'mock', id: 'fast-pricey', params: { latencyMs: 20, content: 'Hi from the fast one.' }, pricing: { inputPerMTok: 5, outputPerMTok: 15 } },
      { model: 'chat', provider: 'mock', id: 'steady', params: { latencyMs: 60, content: 'Hi from the steady one.' }, pricing: { inputPerMTok: 0.5, outputPerMTok: 1.5 } },
      { model: 'chat', provider: 'mock', id: 'cheap-flaky', params: { latencyMs: 40, errorStatus: 503, errorRate: 0.3, content: 'Hi from the cheap one.' }, pricing: { inputPerMTok: 0.1, outputPerMTok: 0.4 } },
    ],
  });

  const successes: SuccessEvent[] = [];
  const failures: FailureEvent[] = [];
  let requestEvents = 0;
  router.on('request', () => void requestEvents++);
  router.on('success', (e) => void successes.push(e));
  router.on('failure', (e) => void failures.push(e));

  const messages = [{ role: 'user' as const, content: 'Say hello in one short sentence.' }];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      await router.completion({ model: 'chat', messages }, { user: 'demo-user' }).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  console.log(`switchyard demo: ${REQUESTS} requests to model 'chat' over 3 mock deployments (simple-shuffle)\n`);
  printTable(
    ['deployment', 'served', 'failed', 'p50 latency', 'total cost'],
    router.deployments().map(({ id }) => {
      const served = successes.filter((e) => e.deploymentId === id);
      const latencies = served.map((e) => e.latencyMs).sort((a, b) => a - b);
      const p50 = latencies[Math.floor(latencies.length / 2)];
      const cost = served.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
      return [id, String(served.length), String(failures.filter((e) => e.deploymentId === id).length), p50 === undefined ? '-' : `${p50.toFixed(1)} ms`, `$${cost.toFixed(6)}`];
    }),
  );

  const errorClasses = new Map<string, number>();
  for (const { error } of failures) {
    const name = error instanceof RouterError ? `${error.name} (${error.status})` : String(error);
    errorClasses.set(name, (errorClasses.get(name) ?? 0) + 1);
  }
  console.log('\nWhat the events said:');
  console.log(`  request events: ${requestEvents}, success events: ${successes.length}, failure events: ${failures.length}`);
  for (const [name, count] of errorClasses) console.log(`  failures: ${count} × ${name}`);
  const sample = successes[0];
  if (sample) {
    const { requestId, deploymentId, latencyMs, usage, costUsd, attempts, user } = sample;
    console.log('  one success event:', JSON.stringify({ requestId, deploymentId, latencyMs: Number(latencyMs.toFixed(2)), usage, costUsd, attempts, user }));
  }
}

async function liveRun(): Promise<void> {
  if (!process.env.OPENAI_API_KEY) {
    console.error('--live needs OPENAI_API_KEY in the environment; without it, run `npm run demo` for the mock run.');
    process.exitCode = 1;
    return;
  }
  const router = new Router({
    deployments: [{ model: 'gpt-4o-mini', provider: 'openai', pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }],
  });
  router.on('success', (e) => console.log(`served by ${e.deploymentId} in ${e.latencyMs.toFixed(0)} ms, cost $${e.costUsd?.toFixed(6)}`));
  try {
    const response = await router.completion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello in five words.' }] });
    console.log(response.choices[0]?.message.content);
    console.log('usage:', JSON.stringify(response.usage));
  } catch (error) {
    console.error(error instanceof RouterError ? `${error.name} (${error.status ?? 'no status'}): ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await router.close();
  }
}

await (process.argv.includes('--live') ? liveRun() : mockRun());
