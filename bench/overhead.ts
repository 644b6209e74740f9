/**
 * The router's overhead against raw undici, both calling the same mock OpenAI server (in a
 * child process): per-call latency p50/p99 and throughput at concurrency 1 and 64.
 *
 *   npm run bench                  # full run
 *   BENCH_SCALE=0.1 npm run bench  # quick check: every call count × 0.1
 *   BENCH_SPEND=1 npm run bench    # a priced deployment, a per-user budget and rate limit on every call
 */
import { Agent } from 'undici';
import { Router } from 'switchyard';
import { forkServers, pinningNote, runBench } from './bench-process.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, got '${process.env.BENCH_SCALE}'`);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
const SPEND = process.env.BENCH_SPEND === '1';

const WARMUP_CALLS = scaled(2_000);
const SCENARIOS = [
  { concurrency: 1, rounds: 20, callsPerRound: scaled(1_000) },
  { concurrency: 64, rounds: 20, callsPerRound: scaled(5_000) },
];

type Call = () => Promise<unknown>;

interface Measured {
  latenciesMs: number[];
  wallMs: number;
  /** This process's CPU time (user + system) spent on the calls: steadier than wall time on a shared machine. */
  cpuUs: number;
}

/** `total` calls, at most `concurrency` in flight; each call's latency goes into `into`. */
async function run(call: Call, total: number, concurrency: number, into: Measured): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      const t0 = performance.now();
      await call();
      into.latenciesMs.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const cpu = process.cpuUsage(cpu0);
  into.wallMs += performance.now() - t0;
  into.cpuUs += cpu.user + cpu.system;
}

function summarize({ latenciesMs, wallMs, cpuUs }: Measured) {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 1_000;
  return { p50Us: at(0.5), p99Us: at(0.99), rps: latenciesMs.length / (wallMs / 1_000), cpuUsPerCall: cpuUs / latenciesMs.length };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const { child, message } = await forkServers<{ url: string }>('./serve-mock.ts');
  const { url } = message;
  const origin = new URL(url).origin;
  const deployment = { model: 'bench', provider: 'openai-compatible', baseUrl: url };
  // Limits high enough never to refuse: the bench measures their bookkeeping, not refusals.
  const router = SPEND
    ? new Router({
        deployments: [{ ...deployment, pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }],
        budgets: [{ scope: 'user', maxUsd: 1e9, period: '1d' }],
        limits: [{ scope: 'user', rpm: 1e9 }],
      })
    : new Router({ deployments: [deployment] });
  const options = SPEND ? { user: 'bench-user' } : undefined;
  // Same pool settings as the router's own transport (src/transport/http-transport.ts).
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: null });

  const request = { model: 'bench', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
  // The same headers the router sends; the body is serialized per call, as the router does.
  const wireHeaders = { 'content-type': 'application/json', accept: 'application/json' };

  const viaRouter: Call = () => router.completion(request, options);
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

  try {
    const reply = await router.completion(request);
    if (!reply.choices[0]?.message.content) throw new Error('router call returned no content');

    console.log(
      `switchyard overhead benchmark (BENCH_SCALE=${SCALE}${SPEND ? ', BENCH_SPEND=1: priced, budget and limit per user' : ''}, ` +
        `warm-up ${fmt(WARMUP_CALLS)} calls per side, ${pinningNote()})\n`,
    );
    const throwaway = (): Measured => ({ latenciesMs: [], wallMs: 0, cpuUs: 0 });
    await run(viaRaw, WARMUP_CALLS, 64, throwaway());
    await run(viaRouter, WARMUP_CALLS, 64, throwaway());

    const rows: string[] = [];
    const verdicts: string[] = [];
    for (const { concurrency, rounds, callsPerRound } of SCENARIOS) {
      const raw: Measured = { latenciesMs: [], wallMs: 0, cpuUs: 0 };
      const routed: Measured = { latenciesMs: [], wallMs: 0, cpuUs: 0 };
      // Alternate batches, and which side goes first, so drift (GC, CPU clocks) hits both alike.
      // Each round also gives its own throughput ratio: their median shrugs off a round a GC or the other core spoiled.
      const roundRatios: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const [first, second] =
          round % 2 === 0
            ? ([
                [viaRaw, raw],
                [viaRouter, routed],
              ] as const)
            : ([
                [viaRouter, routed],
                [viaRaw, raw],
              ] as const);
        const before = { raw: raw.wallMs, routed: routed.wallMs };
        await run(first[0], callsPerRound, concurrency, first[1]);
        await run(second[0], callsPerRound, concurrency, second[1]);
        roundRatios.push((raw.wallMs - before.raw) / (routed.wallMs - before.routed));
      }
      roundRatios.sort((a, b) => a - b);
      const medianRatio = roundRatios[Math.floor(roundRatios.length / 2)] as number;
      const r = summarize(raw);
      const s = summarize(routed);
      const calls = fmt(rounds * callsPerRound);
      const row = (label: string, side: typeof r) =>
        [
          label.padEnd(10),
          fmt(side.p50Us).padStart(8),
          fmt(side.p99Us).padStart(8),
          fmt(side.rps).padStart(8),
          fmt(side.cpuUsPerCall, 1).padStart(11),
          calls,
        ].join(' | ');
      rows.push(`${String(concurrency).padStart(11)} | ${row('raw undici', r)}`);
      rows.push(`${''.padStart(11)} | ${row('router', s)}`);
      const addsP50 = s.p50Us - r.p50Us;
      const ratio = s.rps / r.rps;
      const p50Goal = concurrency === 1 ? ` (goal ≤ 50 µs: ${addsP50 <= 50 ? 'met' : 'MISSED'})` : '';
      const ratioGoal = concurrency === 64 ? ` (goal ≥ 0.9: ${medianRatio >= 0.9 ? 'met' : 'MISSED'})` : '';
      verdicts.push(`concurrency ${concurrency}: router adds ${fmt(addsP50, 1)} µs at p50${p50Goal}, ${fmt(s.p99Us - r.p99Us, 1)} µs at p99`);
      verdicts.push(
        `concurrency ${concurrency}: throughput ratio router/raw = ${fmt(medianRatio, 3)} median of ${rounds} rounds${ratioGoal} ` +
          `(all rounds together ${fmt(ratio, 3)}, rounds from ${fmt(roundRatios[0] as number, 3)} to ${fmt(roundRatios.at(-1) as number, 3)})`,
      );
      verdicts.push(
        `concurrency ${concurrency}: client CPU per call ${fmt(r.cpuUsPerCall, 1)} µs raw, ` +
          `${fmt(s.cpuUsPerCall, 1)} µs router (+${fmt(s.cpuUsPerCall - r.cpuUsPerCall, 1)} µs)`,
      );
    }

    console.log('concurrency | client     | p50 (µs) | p99 (µs) |  req/s   | CPU µs/call | calls');
    console.log('------------+------------+----------+----------+----------+-------------+-------');
    for (const row of rows) console.log(row);
    console.log('');
    for (const verdict of verdicts) console.log(verdict);
  } finally {
    await router.close();
    await agent.close();
    child.kill();
  }
}

runBench(main);
