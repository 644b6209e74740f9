/**
 * One process of a fleet (see fleet.ts), run as `node --import tsx fleet-worker.ts` with the
 * job as JSON in SWITCHYARD_FLEET_JOB (or as the first argument). Speaks JSON lines on stdout;
 * reads `go` and `close` lines on stdin. If stdin closes before `go` (the parent died), it exits 1.
 */
import { createInterface } from 'node:readline';
import { Router, type SpendReport } from '../../../src/index.js';
import { runFleetCalls } from './fleet-calls.js';
import { FLEET_JOB_ENV, type FleetJob, type FleetMessage } from './fleet-job.js';
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
  const router = new Router({ ...job.routerOptions, state: state.store });
  try {
    if (job.action === 'spend') {
      send({ type: 'spend', spend: router.spend(job.spendQuery) });
      return;
    }
    send({ type: 'ready' });
    await parentSays('go');
    const result = await runFleetCalls(router, job, job.reportEachCall ? send : () => {});
    send({ ...result, ...(job.spendQuery && { spend: router.spend(job.spendQuery) }) });
    if (job.holdOpen) await parentSays('close', true);
  } finally {
    await router.close();
    await state.close();
  }
}

// Exits explicitly once stdout is flushed: a handle the router or store left open must not keep a worker alive.
main().then(
  () => process.stdout.write('', () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`, () => process.exit(1));
  },
);
