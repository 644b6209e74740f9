/**
 * The router's overhead against raw undici, both calling the same mock OpenAI server (in a
 * child process): per-call latency p50/p99 and throughput at concurrency 1 and 64.
 *
 *   npm run bench                  # full run
 *   BENCH_SCALE=0.1 npm run bench  # quick check: every call count × 0.1
 *   BENCH_SPEND=1 npm run bench    # a priced deployment, a per-user budget and rate limit on every call
 *   BENCH_STATE=redis npm run bench  # the same, measured on the memory store and on RedisStateStore
 *                                      (REDIS_URL, default redis://127.0.0.1:6379), with Redis's PING time
 *   BENCH_OBSERVE=1 npm run bench    # also the same router instrumented with OpenTelemetry (every span
 *                                      sampled into a dropping exporter) and Prometheus
 */
import { Agent } from 'undici';
import { Router, type RouterOptions } from 'switchyard';
import { forkServers, pinningNote, runBench } from './bench-process.js';
import { observe } from './bench-observe.js';
import { connectBenchStore, pingTimeUs } from './bench-redis.js';
import { newMeasured, run, summarize, type Call, type Measured, type Summary } from './measured-calls.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, got '${process.env.BENCH_SCALE}'`);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
const STATE = process.env.BENCH_STATE ?? 'memory';
if (STATE !== 'memory' && STATE !== 'redis') throw new Error(`BENCH_STATE must be 'memory' or 'redis', got '${STATE}'`);
const REDIS = STATE === 'redis';
const SPEND = process.env.BENCH_SPEND === '1' || REDIS;
const OBSERVE = process.env.BENCH_OBSERVE === '1';

const WARMUP_CALLS = scaled(2_000);
const SCENARIOS = [
  { concurrency: 1, rounds: 20, callsPerRound: scaled(1_000) },
  { concurrency: 64, rounds: 20, callsPerRound: scaled(5_000) },
];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const { child, message } = await forkServers<{ url: string }>('./serve-mock.ts');
  const { url } = message;
  const origin = new URL(url).origin;
  const deployment = { model: 'bench', provider: 'openai-compatible', baseUrl: url };
  // Limits high enough never to refuse: the bench measures their bookkeeping, not refusals.
  const options: RouterOptions = SPEND
    ? {
        deployments: [{ ...deployment, pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }],
        budgets: [{ scope: 'user', maxUsd: 1e9, period: '1d' }],
        limits: [{ scope: 'user', rpm: 1e9 }],
      }
    : { deployments: [deployment] };
  const router = new Router(options);
  const redis = REDIS ? await connectBenchStore() : undefined;
  const redisRouter = redis ? new Router({ ...options, state: redis.store }) : undefined;
  const observedRouter = OBSERVE ? new Router(options) : undefined;
  const stopObserving = observedRouter ? observe(observedRouter) : undefined;
  const requestOptions = SPEND ? { user: 'bench-user' } : undefined;
  // Same pool settings as the router's own transport (src/transport/http-transport.ts).
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: null });

  const request = { model: 'bench', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
  // The same headers the router sends; the body is serialized per call, as the router does.
  const wireHeaders = { 'content-type': 'application/json', accept: 'application/json' };

  const viaRaw: Call = async () => {
    const { statusCode, body } = await agent.request({
      origin,
      path: '/v1/chat/completions',
      method: 'POST',
      headers: wireHeaders,
      body: JSON.stringify(request),
    });
    const parsed = await body.json();
    if (statusCode !== 200) throw new Error(`raw call got status ${statusCode}`);
    return parsed;
  };
  const sides: Side[] = [
    { label: 'raw undici', call: viaRaw },
    { label: REDIS ? 'memory' : 'router', call: () => router.completion(request, requestOptions) },
  ];
  if (redisRouter) sides.push({ label: 'redis', call: () => redisRouter.completion(request, requestOptions) });
  if (observedRouter) sides.push({ label: 'observed', call: () => observedRouter.completion(request, requestOptions) });

  try {
    for (const side of sides.slice(1)) {
      const reply = (await side.call()) as { choices: { message: { content: string | null } }[] };
      if (!reply.choices[0]?.message.content) throw new Error(`${side.label} call returned no content`);
    }
    const pingUs = redis ? await pingTimeUs(redis.client) : undefined;

    const what = REDIS
      ? ', BENCH_STATE=redis: priced, budget and limit per user, memory store and RedisStateStore'
      : SPEND
        ? ', BENCH_SPEND=1: priced, budget and limit per user'
        : '';
    console.log(`switchyard overhead benchmark (BENCH_SCALE=${SCALE}${what}, warm-up ${fmt(WARMUP_CALLS)} calls per side, ${pinningNote()})\n`);
    if (pingUs !== undefined) console.log(`Redis round trip (PING, median of 2,000): ${fmt(pingUs, 1)} µs\n`);
    for (const side of sides) await run(side.call, WARMUP_CALLS, 64, newMeasured());

    const rows: string[] = [];
    const verdicts: string[] = [];
    for (const { concurrency, rounds, callsPerRound } of SCENARIOS) {
      const measured = sides.map(newMeasured);
      // Each round gives each side's throughput against raw's: their median shrugs off a round a GC or the other core spoiled.
      const roundRatios = sides.map((): number[] => []);
      for (let round = 0; round < rounds; round++) {
        // Rotate which side goes first, so drift (GC, CPU clocks) hits all alike.
        const walls = measured.map((m) => m.wallMs);
        for (let k = 0; k < sides.length; k++) {
          const i = (round + k) % sides.length;
          await run((sides[i] as Side).call, callsPerRound, concurrency, measured[i] as Measured);
        }
        const took = measured.map((m, i) => m.wallMs - (walls[i] as number));
        took.forEach((ms, i) => roundRatios[i]?.push((took[0] as number) / ms));
      }
      const medians = roundRatios.map((ratios) => median(ratios));
      const summaries = measured.map(summarize);
      const calls = fmt(rounds * callsPerRound);
      summaries.forEach((side, i) => {
        const cells = [
          (sides[i] as Side).label.padEnd(10),
          fmt(side.p50Us).padStart(8),
          fmt(side.p99Us).padStart(8),
          fmt(side.rps).padStart(8),
          fmt(side.cpuUsPerCall, 1).padStart(11),
          calls,
        ];
        rows.push(`${(i === 0 ? String(concurrency) : '').padStart(11)} | ${cells.join(' | ')}`);
      });
      const raw = summaries[0] as Summary;
      for (let i = 1; i < sides.length; i++) {
        const side = summaries[i] as Summary;
        const label = (sides[i] as Side).label;
        const addsP50 = side.p50Us - raw.p50Us;
        const p50Goal = concurrency === 1 && !REDIS ? ` (goal ≤ 50 µs: ${addsP50 <= 50 ? 'met' : 'MISSED'})` : '';
        const ratioGoal = concurrency === 64 && !REDIS ? ` (goal ≥ 0.9: ${(medians[i] as number) >= 0.9 ? 'met' : 'MISSED'})` : '';
        const ratios = roundRatios[i] as number[];
        verdicts.push(`concurrency ${concurrency}: ${label} adds ${fmt(addsP50, 1)} µs at p50${p50Goal}, ${fmt(side.p99Us - raw.p99Us, 1)} µs at p99`);
        verdicts.push(
          `concurrency ${concurrency}: throughput ratio ${label}/raw = ${fmt(medians[i] as number, 3)} median of ${rounds} rounds${ratioGoal} ` +
            `(all rounds together ${fmt(side.rps / raw.rps, 3)}, rounds from ${fmt(Math.min(...ratios), 3)} to ${fmt(Math.max(...ratios), 3)})`,
        );
        verdicts.push(
          `concurrency ${concurrency}: client CPU per call ${fmt(raw.cpuUsPerCall, 1)} µs raw, ` +
            `${fmt(side.cpuUsPerCall, 1)} µs ${label} (+${fmt(side.cpuUsPerCall - raw.cpuUsPerCall, 1)} µs)`,
        );
      }
      if (REDIS && pingUs !== undefined) {
        const [, memory, shared] = summaries as [Summary, Summary, Summary];
        if (concurrency === 1) {
          const bound = memory.p50Us + 1.5 * pingUs;
          verdicts.push(
            `concurrency 1: redis p50 ${fmt(shared.p50Us)} µs against memory ${fmt(memory.p50Us)} µs + 1.5 × PING = ${fmt(bound)} µs ` +
              `(goal: within it: ${shared.p50Us <= bound ? 'met' : 'MISSED'})`,
          );
        } else {
          const ratio = (medians[2] as number) / (medians[1] as number);
          verdicts.push(`concurrency ${concurrency}: throughput redis/memory = ${fmt(ratio, 3)} (goal ≥ 0.8: ${ratio >= 0.8 ? 'met' : 'MISSED'})`);
        }
      }
      const observed = sides.findIndex((side) => side.label === 'observed');
      if (observed > 0 && concurrency === 64) {
        const ratio = (medians[observed] as number) / (medians[1] as number);
        verdicts.push(`concurrency 64: throughput observed/uninstrumented = ${fmt(ratio, 3)} (goal ≥ 0.85: ${ratio >= 0.85 ? 'met' : 'MISSED'})`);
      }
    }

    console.log('concurrency | client     | p50 (µs) | p99 (µs) |  req/s   | CPU µs/call | calls');
    console.log('------------+------------+----------+----------+----------+-------------+-------');
    for (const row of rows) console.log(row);
    console.log('');
    for (const verdict of verdicts) console.log(verdict);
  } finally {
    await router.close();
    await redisRouter?.close();
    await stopObserving?.();
    await observedRouter?.close();
    await redis?.close();
    await agent.close();
    child.kill();
  }
}

interface Side {
  label: string;
  call: Call;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

runBench(main);
