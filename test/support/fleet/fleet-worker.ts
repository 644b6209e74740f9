/**
 * One process of a fleet (see fleet.ts), run as `node --import tsx fleet-worker.ts` with the
 * job as JSON in SWITCHYARD_FLEET_JOB (or as the first argument). Speaks JSON lines on stdout;
 * reads `go` and `close` lines on stdin (and, for `serve` jobs, JSON commands). If stdin closes
 * before `go` (the parent died), it exits 1.
 */
import { createInterface } from 'node:readline';
import { Router, type SpendReport } from '../../../src/index.js';
import { openFleetCache } from './fleet-cache.js';
import { runFleetCalls } from './fleet-calls.js';
import { FLEET_JOB_ENV, type FleetCommand, type FleetJob, type FleetMessage } from './fleet-job.js';
import { openFleetState } from './fleet-state.js';

const stdinLines = createInterface({ input: process.stdin });
const heard: string[] = [];
let stdinClosed = false;
let onStdin = () => {};
stdinLines.on('line', (line) => {
  heard.push(line.trim());
  onStdin();
});
stdinLines.on('close', () => {
  stdinClosed = true;
  onStdin();
});

/** Resolves when the parent sends `word`; when stdin closes first, resolves if `orEnd`, else rejects. */
function parentSays(word: string, orEnd = false): Promise<void> {
  return new Promise((resolve, reject) => {
    onStdin = () => {
      if (heard.includes(word)) resolve();
      else if (stdinClosed && orEnd) resolve();
      else if (stdinClosed) reject(new Error(`stdin closed before the parent said '${word}'`));
    };
    onStdin();
  });
}

/** The parent's line number `index` (from 0) once it has come; undefined when stdin closes first. */
function parentLine(index: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    onStdin = () => {
      if (heard.length > index) resolve(heard[index]);
      else if (stdinClosed) resolve(undefined);
    };
    onStdin();
  });
}

/** Answers the parent's commands, one at a time, until it says `close` (or stdin closes). */
async function serve(router: Router, job: FleetJob): Promise<void> {
  for (let index = 0; ; index++) {
    const line = await parentLine(index);
    if (line === undefined || line === 'close') return;
    if (line === 'go') continue;
    const command = JSON.parse(line) as FleetCommand;
    if ('calls' in command) {
      const { type: _, ...result } = await runFleetCalls(router, { ...job, calls: command.calls, concurrency: command.calls }, () => {});
      send({ type: 'reply', seq: command.seq, result });
    } else send({ type: 'reply', seq: command.seq, health: router.health() });
  }
}

/** Writes one FleetMessage line; a SpendReport's Dates and undefined fields become what FleetSpendReport describes. */
function send(message: FleetMessage | { type: 'spend' | 'result'; spend?: SpendReport }): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function readJob(): FleetJob {
  const text = process.env[FLEET_JOB_ENV] ?? process.argv[2];
  if (text === undefined) throw new Error(`no job: set ${FLEET_JOB_ENV} or pass it as the first argument`);
  return JSON.parse(text) as FleetJob;
}

async function main(): Promise<void> {
  const job = readJob();
  const state = await openFleetState(job);
  const cache = await openFleetCache(job);
  const router = new Router({ ...job.routerOptions, state: state.store, ...(cache.options && { cache: cache.options }) });
  try {
    if (job.action === 'spend') {
      send({ type: 'spend', spend: router.spend(job.spendQuery) });
      return;
    }
    send({ type: 'ready' });
    if (job.action === 'serve') return await serve(router, job);
    await parentSays('go');
    const result = await runFleetCalls(router, job, job.reportEachCall ? send : () => {});
    send({ ...result, ...(job.spendQuery && { spend: router.spend(job.spendQuery) }) });
    if (job.holdOpen) await parentSays('close', true);
  } finally {
    await router.close();
    await state.close();
    await cache.close();
  }
}

// Exits explicitly once stdout is flushed: a handle the router or store left open must not keep a worker alive.
main().then(
  () => process.stdout.write('', () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`, () => process.exit(1));
  },
);
