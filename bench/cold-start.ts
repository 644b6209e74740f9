/**
 * Cold start: how long a fresh process takes to import switchyard, and to import it, build a
 * Router and get its first completion from a mock OpenAI server over loopback HTTP, against
 * the openai SDK's own import, client and first `chat.completions.create` in the same run.
 * ESM and CommonJS, each figure the median of fresh processes (10 by default), the four kinds
 * of process taking turns so the machine's load falls on all alike. CPU time is shown beside wall
 * time: on a shared machine it tells more. Reads the built package (`npm run bench:cold-start` builds first).
 *
 *   npm run bench:cold-start
 *   COLD_START_RUNS=20 npm run bench:cold-start
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { forkServers, runBench } from './bench-process.js';

const run = promisify(execFile);
const RUNS = Number(process.env.COLD_START_RUNS ?? 10);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`COLD_START_RUNS must be a positive whole number, got '${process.env.COLD_START_RUNS}'`);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMPORT_GOAL_MS = 50;

type Format = 'esm' | 'cjs';
type Client = 'switchyard' | 'openai';

interface Timing {
  importMs: number;
  firstAnswerMs: number;
  /** CPU time (user + system) of the process over the same spans. */
  importCpuMs: number;
  firstAnswerCpuMs: number;
}

/** The program one fresh process runs: it prints its import time and its time to the first answer, both from before the import, wall and CPU. */
function program(client: Client, format: Format, url: string): string {
  const load = (name: string) => (format === 'esm' ? `await import('${name}')` : `require('${name}')`);
  const call =
    client === 'switchyard'
      ? `const { Router } = ${load('switchyard')};
         const imported = performance.now();
         const importCpu = process.cpuUsage(cpu);
         const router = new Router({ deployments: [{ model: 'bench', provider: 'openai-compatible', baseUrl: '${url}' }] });
         const reply = await router.completion(request);`
      : `const OpenAI = (${load('openai')}).default;
         const imported = performance.now();
         const importCpu = process.cpuUsage(cpu);
         const client = new OpenAI({ baseURL: '${url}', apiKey: 'bench', maxRetries: 0 });
         const reply = await client.chat.completions.create(request);`;
  const body = `const cpu = process.cpuUsage();
    const started = performance.now();
    const request = { model: 'bench', messages: [{ role: 'user', content: 'Say hello.' }] };
    ${call}
    const answered = performance.now();
    const answerCpu = process.cpuUsage(cpu);
    if (!reply.choices[0]?.message.content) throw new Error('no answer');
    const ms = ({ user, system }) => (user + system) / 1000;
    const timing = { importMs: imported - started, firstAnswerMs: answered - started, importCpuMs: ms(importCpu), firstAnswerCpuMs: ms(answerCpu) };
    console.log(JSON.stringify(timing));
    process.exit(0);`;
  return format === 'esm' ? body : `(async () => { ${body} })().catch((error) => { console.error(error); process.exit(1); });`;
}

async function measure(client: Client, format: Format, url: string): Promise<Timing> {
  const args = format === 'esm' ? ['--input-type=module', '-e', program(client, format, url)] : ['-e', program(client, format, url)];
  const { stdout } = await run(process.execPath, args, { cwd: ROOT });
  return JSON.parse(stdout) as Timing;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const fmt = (ms: number) => ms.toFixed(1).padStart(7);

async function main(): Promise<void> {
  if (!existsSync(new URL('../dist/index.cjs', import.meta.url))) throw new Error('No build in dist/: run `npm run build` first');
  const { child, message } = await forkServers<{ url: string }>('./serve-mock.ts');
  const kinds = (['esm', 'cjs'] as const).flatMap((format) => (['switchyard', 'openai'] as const).map((client) => ({ client, format })));
  const timings = new Map(kinds.map((kind) => [kind, [] as Timing[]]));
  try {
    for (let round = 0; round < RUNS; round++) {
      // A different kind goes first each round: the first process after a pause finds a cooler machine.
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[(round + i) % kinds.length] as (typeof kinds)[number];
        timings.get(kind)?.push(await measure(kind.client, kind.format, message.url));
      }
    }
  } finally {
    child.kill();
  }

  console.log(`Cold start, median of ${RUNS} fresh processes each (Node ${process.versions.node}), from before the import:\n`);
  console.log('format | client     | import (ms) | first answer (ms) | import CPU (ms) | first answer CPU (ms)');
  console.log('-------+------------+-------------+-------------------+-----------------+----------------------');
  const medians = new Map<string, Timing>();
  for (const kind of kinds) {
    const runs = timings.get(kind) ?? [];
    const of = (field: keyof Timing) => median(runs.map((t) => t[field]));
    const m = { importMs: of('importMs'), firstAnswerMs: of('firstAnswerMs'), importCpuMs: of('importCpuMs'), firstAnswerCpuMs: of('firstAnswerCpuMs') };
    medians.set(`${kind.client} ${kind.format}`, m);
    console.log(
      `${kind.format.padEnd(6)} | ${kind.client.padEnd(10)} | ${fmt(m.importMs)}     | ${fmt(m.firstAnswerMs)}           | ` +
        `${fmt(m.importCpuMs)}         | ${fmt(m.firstAnswerCpuMs)}`,
    );
  }
  console.log('');
  for (const format of ['esm', 'cjs'] as const) {
    const ours = medians.get(`switchyard ${format}`) as Timing;
    const sdk = medians.get(`openai ${format}`) as Timing;
    const ratio = ours.firstAnswerMs / sdk.firstAnswerMs;
    const cpuRatio = ours.firstAnswerCpuMs / sdk.firstAnswerCpuMs;
    console.log(
      `${format}: import ${ours.importMs.toFixed(1)} ms (goal ≤ ${IMPORT_GOAL_MS} ms: ${ours.importMs <= IMPORT_GOAL_MS ? 'met' : 'MISSED'}; ` +
        `${ours.importCpuMs.toFixed(1)} ms of CPU); first answer ${ratio.toFixed(2)}× the openai SDK's ` +
        `(goal ≤ 1: ${ratio <= 1 ? 'met' : 'MISSED'}; ${cpuRatio.toFixed(2)}× in CPU time)`,
    );
  }
}

runBench(main);
