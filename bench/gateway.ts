/**
 * The gateway's hop: a chat completion through the gateway (its own process, a router on the mock
 * provider) against the same call straight to the mock (its own process), both with undici from
 * this process, at concurrency 1 and 64. Beside them, the floor of any such hop: a bare node:http
 * server in front of the same router (no keys, events, metrics). Then per-chunk SSE through the
 * gateway's writer against plain `res.write`.
 *
 *   npm run bench:gateway                  # full run
 *   BENCH_SCALE=0.1 npm run bench:gateway  # quick check: every call count × 0.1
 */
import { Agent } from 'undici';
import { forkServers, pinningNote, runBench } from './bench-process.js';
import { newMeasured, run, summarize, type Call, type Measured, type Summary } from './measured-calls.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, got '${process.env.BENCH_SCALE}'`);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));

const WARMUP_CALLS = scaled(3_000);
const SCENARIOS = [
  { concurrency: 1, rounds: 20, callsPerRound: scaled(500) },
  { concurrency: 64, rounds: 20, callsPerRound: scaled(3_000) },
];
const ADDED_P50_GOAL_US = 200;
const THROUGHPUT_GOAL = 0.3;
const SSE = { rounds: 10, streamsPerRound: scaled(20), chunksPerStream: 2_000 };

interface Side {
  label: string;
  call: Call;
  /** Whether the gateway's goals apply to it (not to the floor). */
  judged: boolean;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** Runs every side in rounds, rotating which goes first; prints their table and each gateway side's figures against the first (direct). */
async function compare(sides: readonly Side[]): Promise<void> {
  const rows: string[] = [];
  const verdicts: string[] = [];
  for (const { concurrency, rounds, callsPerRound } of SCENARIOS) {
    const measured = sides.map(newMeasured);
    const roundRatios = sides.map((): number[] => []);
    for (let round = 0; round < rounds; round++) {
      const walls = measured.map((m) => m.wallMs);
      for (let k = 0; k < sides.length; k++) {
        const i = (round + k) % sides.length;
        await run((sides[i] as Side).call, callsPerRound, concurrency, measured[i] as Measured);
      }
      const took = measured.map((m, i) => m.wallMs - (walls[i] as number));
      took.forEach((ms, i) => roundRatios[i]?.push((took[0] as number) / ms));
    }
    const summaries = measured.map(summarize);
    summaries.forEach((side, i) => {
      const cells = [(sides[i] as Side).label.padEnd(20), fmt(side.p50Us).padStart(8), fmt(side.p99Us).padStart(8), fmt(side.rps).padStart(8)];
      rows.push(`${(i === 0 ? String(concurrency) : '').padStart(11)} | ${cells.join(' | ')}`);
    });
    const direct = summaries[0] as Summary;
    for (let i = 1; i < sides.length; i++) {
      const side = summaries[i] as Summary;
      const label = (sides[i] as Side).label;
      const { judged } = sides[i] as Side;
      if (concurrency === 1) {
        const added = side.p50Us - direct.p50Us;
        const goal = judged ? ` (goal ≤ ${ADDED_P50_GOAL_US} µs: ${verdict(added <= ADDED_P50_GOAL_US)})` : '';
        verdicts.push(`concurrency 1: ${label} adds ${fmt(added, 1)} µs at p50${goal}`);
      } else {
        const ratios = roundRatios[i] as number[];
        const ratio = median(ratios);
        const goal = judged ? `goal ≥ ${THROUGHPUT_GOAL}: ${verdict(ratio >= THROUGHPUT_GOAL)}; ` : '';
        verdicts.push(
          `concurrency ${concurrency}: throughput ${label}/direct = ${fmt(ratio, 3)} median of ${rounds} rounds ` +
            `(${goal}rounds from ${fmt(Math.min(...ratios), 3)} to ${fmt(Math.max(...ratios), 3)})`,
        );
      }
    }
  }
  console.log('concurrency | client               | p50 (µs) | p99 (µs) |  req/s');
  console.log('------------+----------------------+----------+----------+----------');
  for (const row of rows) console.log(row);
  console.log('');
  for (const line of verdicts) console.log(line);
}

/** Chunks per second of one SSE path, read to the end by undici, in rounds alternating with the other. */
async function compareSse(agent: Agent, origin: string): Promise<void> {
  const stream = async (path: string) => {
    const { statusCode, body } = await agent.request({ origin, path: `${path}?chunks=${SSE.chunksPerStream}`, method: 'GET' });
    if (statusCode !== 200) throw new Error(`${path} answered ${statusCode}`);
    for await (const _piece of body);
  };
  const paths = ['/raw', '/gateway'];
  const wallMs = [0, 0];
  const ratios: number[] = [];
  for (const path of paths) for (let i = 0; i < SSE.streamsPerRound; i++) await stream(path);
  for (let round = 0; round < SSE.rounds; round++) {
    const took = [0, 0];
    for (let k = 0; k < paths.length; k++) {
      const i = (round + k) % paths.length;
      const t0 = performance.now();
      for (let s = 0; s < SSE.streamsPerRound; s++) await stream(paths[i] as string);
      took[i] = performance.now() - t0;
      wallMs[i] = (wallMs[i] as number) + (took[i] as number);
    }
    ratios.push((took[0] as number) / (took[1] as number));
  }
  const chunks = SSE.rounds * SSE.streamsPerRound * SSE.chunksPerStream;
  const rate = (ms: number) => fmt(chunks / (ms / 1_000));
  console.log(`\nSSE, ${fmt(SSE.chunksPerStream)} chunks per stream, one stream at a time (${fmt(chunks)} chunks per side):`);
  console.log(`  res.write            ${rate(wallMs[0] as number)} chunks/s`);
  console.log(`  gateway writer       ${rate(wallMs[1] as number)} chunks/s`);
  console.log(
    `  gateway/res.write = ${fmt(median(ratios), 3)} median of ${SSE.rounds} rounds (from ${fmt(Math.min(...ratios), 3)} to ${fmt(Math.max(...ratios), 3)})`,
  );
}

async function main(): Promise<void> {
  const mock = await forkServers<{ url: string }>('./serve-mock.ts');
  process.env.BENCH_MOCK_URL = mock.message.url;
  const floor = await forkServers<{ url: string }>('./serve-router-proxy.ts');
  const gateway = await forkServers<{ url: string; keys: Record<string, string> }>('./serve-gateway.ts');
  const sse = await forkServers<{ url: string }>('./serve-sse.ts');
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: null });
  const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'Say hello.' }] });
  const post = (origin: string, headers: Record<string, string>): Call => {
    const all = { 'content-type': 'application/json', accept: 'application/json', ...headers };
    return async () => {
      const { statusCode, body: answer } = await agent.request({ origin, path: '/v1/chat/completions', method: 'POST', headers: all, body });
      const parsed = await answer.json();
      if (statusCode !== 200) throw new Error(`got status ${statusCode}: ${JSON.stringify(parsed)}`);
      return parsed;
    };
  };
  const sides: Side[] = [
    { label: 'direct to the mock', call: post(new URL(mock.message.url).origin, {}), judged: false },
    { label: 'node:http + router', call: post(floor.message.url, {}), judged: false },
    ...Object.entries(gateway.message.keys).map(([label, key]) => ({
      label: `gateway, ${label}`,
      call: post(gateway.message.url, { authorization: `Bearer ${key}` }),
      judged: true,
    })),
  ];
  try {
    for (const side of sides) await side.call();
    console.log(`switchyard gateway benchmark (BENCH_SCALE=${SCALE}, warm-up ${fmt(WARMUP_CALLS)} calls per side, ${pinningNote()})\n`);
    for (const side of sides) await run(side.call, WARMUP_CALLS, 64, newMeasured());
    await compare(sides);
    await compareSse(agent, sse.message.url);
  } finally {
    await agent.close();
    sse.child.kill();
    gateway.child.kill();
    floor.child.kill();
    mock.child.kill();
  }
}

runBench(main);
