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
      {
        model: 'chat',
        provider: 'mock',
        id: 'fast-pricey',
        params: { latencyMs: 20, content: 'Hi from the fast one.' },
        pricing: { inputPerMTok: 5, outputPerMTok: 15 },
      },
      {
        model: 'chat',
        provider: 'mock',
        id: 'steady',
        params: { latencyMs: 60, content: 'Hi from the steady one.' },
        pricing: { inputPerMTok: 0.5, outputPerMTok: 1.5 },
      },
      {
        model: 'chat',
        provider: 'mock',
        id: 'cheap-flaky',
        params: { latencyMs: 40, errorStatus: 503, errorRate: 0.3, content: 'Hi from the cheap one.' },
        pricing: { inputPerMTok: 0.1, outputPerMTok: 0.4 },
      },
    ],
    // Short, so the demo shows a deployment cooling down and coming back within its second of traffic.
    cooldown: { cooldownMs: 100 },
  });

  const successes: SuccessEvent[] = [];
  const failures: FailureEvent[] = [];
  const failedAttempts = new Map<string, number>();
  const countFailedAttempt = (deploymentId: string | undefined) => {
    if (deploymentId) failedAttempts.set(deploymentId, (failedAttempts.get(deploymentId) ?? 0) + 1);
  };
  const counts = { request: 0, retry: 0, cooldown: 0, recovered: 0 };
  router.on('request', () => void counts.request++);
  router.on('success', (e) => void successes.push(e));
  router.on('failure', (e) => {
    failures.push(e);
    countFailedAttempt(e.deploymentId);
  });
  router.on('retry', (e) => {
    counts.retry++;
    countFailedAttempt(e.deploymentId);
  });
  router.on('cooldown', (e) => {
    counts.cooldown++;
    console.log(`  cooldown: ${e.deploymentId} out for ${e.cooldownMs} ms after ${e.reason}`);
  });
  router.on('recovered', (e) => {
    counts.recovered++;
    console.log(`  recovered: ${e.deploymentId} back after ${e.downForMs} ms`);
  });

  const messages = [{ role: 'user' as const, content: 'Say hello in one short sentence.' }];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      await router.completion({ model: 'chat', messages }, { user: 'demo-user' }).catch(() => undefined);
    }
  };
  console.log(`switchyard demo: ${REQUESTS} requests to model 'chat' over 3 mock deployments (simple-shuffle, 2 retries)\n`);
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  console.log('');
  printTable(
    ['deployment', 'served', 'failed attempts', 'p50 latency', 'total cost'],
    router.deployments().map(({ id }) => {
      const served = successes.filter((e) => e.deploymentId === id);
      const latencies = served.map((e) => e.latencyMs).sort((a, b) => a - b);
      const p50 = latencies[Math.floor(latencies.length / 2)];
      const cost = served.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
      return [id, String(served.length), String(failedAttempts.get(id) ?? 0), p50 === undefined ? '-' : `${p50.toFixed(1)} ms`, `$${cost.toFixed(6)}`];
    }),
  );

  const errorClasses = new Map<string, number>();
  for (const { error } of failures) {
    const name = error instanceof RouterError ? `${error.name} (${error.status})` : String(error);
    errorClasses.set(name, (errorClasses.get(name) ?? 0) + 1);
  }
  console.log('\nWhat the events said:');
  console.log(`  ${counts.request} attempts for ${REQUESTS} calls: ${successes.length} succeeded, ${failures.length} failed`);
  console.log(`  ${counts.retry} retries, ${counts.cooldown} cooldowns, ${counts.recovered} recoveries`);
  for (const [name, count] of errorClasses) console.log(`  failed calls: ${count} × ${name}`);
  const sample = successes[0];
  if (sample) {
    const { requestId, deploymentId, latencyMs, usage, costUsd, attempts, user } = sample;
    console.log('  one success event:', JSON.stringify({ requestId, deploymentId, latencyMs: Number(latencyMs.toFixed(2)), usage, costUsd, attempts, user }));
  }
  console.log(`  spend of user 'demo-user' (router.spend): $${router.spend({ scope: 'user', id: 'demo-user' }).spentUsd.toFixed(6)}`);
}

async function liveRun(): Promise<void> {
  if (!process.env.OPENAI_API_KEY) {
    console.error('--live needs OPENAI_API_KEY in the environment; without it, run `npm run demo` for the mock run.');
    process.exitCode = 1;
    return;
  }
  const router = new Router({
    // Priced from the price table (@pydantic/genai-prices).
    deployments: [{ model: 'gpt-4o-mini', provider: 'openai' }],
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
