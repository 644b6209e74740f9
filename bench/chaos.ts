/**
 * Chaos: 20,000 requests at concurrency 64 over five deployments of one model (one down,
 * one answering 429s, one slow, one with 10% 500s, one healthy) plus a fallback group.
 * Prints the success rate, latency, calls per deployment and errors by class, and checks
 * that no request hung and no rejection went unhandled.
 *
 *   npx tsx bench/chaos.ts                 # full run
 *   BENCH_SCALE=0.1 npx tsx bench/chaos.ts # quick check
 */
import { createServer } from 'node:net';
import { Router, RouterError } from 'switchyard';
import { forkServers, runBench } from './bench-process.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, got '${process.env.BENCH_SCALE}'`);
const REQUESTS = Math.max(1, Math.round(20_000 * SCALE));
const CONCURRENCY = 64;
/** A request still pending this long after the run would have hung: the router's own limits are far shorter. */
const HANG_LIMIT_MS = 30_000;

let unhandledRejections = 0;
process.on('unhandledRejection', () => void unhandledRejections++);

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const { child, message: urls } = await forkServers<Record<string, string>>('./serve-chaos.ts');
  const downUrl = `http://127.0.0.1:${await unusedPort()}/v1`;
  const deployment = (id: string, baseUrl: string, model = 'chat') => ({ id, model, provider: 'openai-compatible', baseUrl });

  const router = new Router({
    deployments: [
      deployment('down', downUrl),
      deployment('limited', urls.limited as string),
      deployment('slow', urls.slow as string),
      deployment('flaky', urls.flaky as string),
      deployment('healthy', urls.healthy as string),
      deployment('backup', urls.backup as string, 'chat-backup'),
    ],
    fallbacks: { chat: ['chat-backup'] },
    timeoutMs: 2_000,
  });
  const callsPerDeployment = new Map<string, number>();
  const cooldowns = new Map<string, number>();
  router.on('request', (e) => void callsPerDeployment.set(e.deploymentId, (callsPerDeployment.get(e.deploymentId) ?? 0) + 1));
  router.on('cooldown', (e) => void cooldowns.set(e.deploymentId, (cooldowns.get(e.deploymentId) ?? 0) + 1));
  let fallbacks = 0;
  router.on('fallback', () => void fallbacks++);

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let succeeded = 0;
  let settled = 0;
  let started = 0;
  const request = { model: 'chat', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
  const t0 = performance.now();
  const worker = async () => {
    while (started < REQUESTS) {
      started++;
      const begin = performance.now();
      try {
        await router.completion(request);
        succeeded++;
        latencies.push(performance.now() - begin);
      } catch (error) {
        const name = error instanceof RouterError ? error.name : String(error);
        errors.set(name, (errors.get(name) ?? 0) + 1);
      } finally {
        settled++;
      }
    }
  };
  const all = Promise.all(Array.from({ length: CONCURRENCY }, worker));
  let watchdog: NodeJS.Timeout | undefined;
  const hangCheck = new Promise<'hung'>((resolve) => (watchdog = setTimeout(() => resolve('hung'), HANG_LIMIT_MS + REQUESTS)));
  const outcome = await Promise.race([all.then(() => 'done' as const), hangCheck]);
  clearTimeout(watchdog);
  const wallMs = performance.now() - t0;

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(`switchyard chaos: ${REQUESTS.toLocaleString('en-US')} requests, concurrency ${CONCURRENCY}, ${(wallMs / 1000).toFixed(1)} s\n`);
  console.log(`success rate   ${((succeeded / REQUESTS) * 100).toFixed(2)} % (${succeeded} of ${REQUESTS})`);
  console.log(`latency        p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`);
  console.log(`fallbacks      ${fallbacks}`);
  console.log('\ncalls per deployment (attempts)  cooldowns');
  for (const id of ['down', 'limited', 'slow', 'flaky', 'healthy', 'backup']) {
    console.log(`  ${id.padEnd(10)} ${String(callsPerDeployment.get(id) ?? 0).padStart(8)}  ${String(cooldowns.get(id) ?? 0).padStart(18)}`);
  }
  console.log('\nerrors by class');
  if (errors.size === 0) console.log('  none');
  for (const [name, count] of errors) console.log(`  ${name}: ${count}`);
  console.log(`\nhung requests: ${outcome === 'hung' ? REQUESTS - settled : 0}, unhandled rejections: ${unhandledRejections}`);

  await router.close();
  child.kill();
}

runBench(main);
