import type { FleetCommand, FleetJob, FleetMessage, FleetReply, FleetResult, FleetSpendReport } from './fleet-job.js';
import { FleetWorkerProcess } from './fleet-worker-process.js';

export type { FleetCommand, FleetJob, FleetMessage, FleetReply, FleetResult, FleetSpendReport } from './fleet-job.js';

/** A command without its number: `ask` numbers it. */
type FleetRequest = { calls: number } | { health: true };

export interface FleetBound {
  /** After this long every worker still running is SIGKILLed and every wait rejects. A hang guard, not a timing. */
  boundMs: number;
}

export interface Fleet {
  readonly workers: readonly FleetWorkerProcess[];
  /** Tells every worker to start its calls, in one go. */
  go(): void;
  /** Sends a command to worker `index` (a `serve` job) and resolves with its reply. */
  ask(index: number, request: FleetRequest): Promise<FleetReply>;
  /**
   * Every worker's result, in job order. A worker without `holdOpen` must also exit 0; one with
   * it is done at its result line (end it with `release()`). Rejects with the workers' stderr.
   */
  results(): Promise<FleetResult[]>;
  /** Resolves once worker `index` has reported `count` call outcomes (jobs with `reportEachCall`). */
  callsEnded(index: number, count: number): Promise<Array<Extract<FleetMessage, { type: 'call' }>>>;
  /** Sends `signal` (default SIGKILL) to worker `index` and resolves once it has exited. */
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Tells `holdOpen` workers to close their router and store and exit. */
  release(): void;
  /** SIGKILLs every worker still running and waits for them. Safe to call twice. */
  stopAll(): Promise<void>;
}

/** Every worker this module started, so `stopEveryFleet` can end them even when a test lost its fleet. */
const everyWorker = new Set<FleetWorkerProcess>();

function startWorker(job: FleetJob, index: number): FleetWorkerProcess {
  const worker = new FleetWorkerProcess(index, job);
  everyWorker.add(worker);
  void worker.exited.then(() => everyWorker.delete(worker));
  return worker;
}

async function killAll(workers: Iterable<FleetWorkerProcess>, because: string): Promise<void> {
  await Promise.all([...workers].map((worker) => worker.kill('SIGKILL', because)));
}

/** SIGKILLs every worker any fleet started and has not seen exit: for an `afterAll`. */
export function stopEveryFleet(): Promise<void> {
  return killAll(everyWorker, 'stopEveryFleet');
}

/** SIGKILLs `workers` once the bound passes; returns what cancels that. */
function killAfterBound(workers: readonly FleetWorkerProcess[], { boundMs }: FleetBound): () => void {
  const timer = setTimeout(() => void killAll(workers, `bound of ${boundMs} ms passed`), boundMs);
  timer.unref();
  const cancel = () => clearTimeout(timer);
  void Promise.all(workers.map((worker) => worker.exited)).then(cancel);
  return cancel;
}

/** One worker process per job, each with its router built and waiting for `go()`. */
export async function startFleet(jobs: readonly FleetJob[], bound: FleetBound): Promise<Fleet> {
  const workers = jobs.map((job, index) => startWorker({ ...job, action: job.action === 'serve' ? 'serve' : 'run' }, index));
  let lastSeq = 0;
  const cancelBound = killAfterBound(workers, bound);
  const stopAll = async () => {
    cancelBound();
    await killAll(workers, 'stopAll');
  };
  try {
    await Promise.all(workers.map((worker) => worker.waitFor((messages) => messages.find((m) => m.type === 'ready'), "saying 'ready'")));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const resultOf = (messages: readonly FleetMessage[]) => messages.find((m): m is FleetResult => m.type === 'result');
  return {
    workers,
    go: () => workers.forEach((worker) => worker.say('go')),
    ask: (index, request) => {
      const worker = workerAt(workers, index);
      const seq = ++lastSeq;
      const command: FleetCommand = { seq, ...request };
      worker.say(JSON.stringify(command));
      return worker.waitFor((messages) => messages.find((m): m is FleetReply => m.type === 'reply' && m.seq === seq), `answering command ${seq}`);
    },
    results: () =>
      Promise.all(
        workers.map(async (worker) => {
          if (worker.job.holdOpen) return worker.waitFor(resultOf, 'giving its result');
          const exit = await worker.exited;
          const result = resultOf(worker.messages);
          if (exit.code !== 0) throw worker.failure('did not exit 0');
          if (!result) throw worker.failure('exited without a result');
          return result;
        }),
      ),
    callsEnded: (index, count) =>
      workerAt(workers, index).waitFor((messages) => {
        const calls = messages.filter((m): m is Extract<FleetMessage, { type: 'call' }> => m.type === 'call');
        return calls.length >= count ? calls : undefined;
      }, `reporting ${count} calls`),
    kill: async (index, signal = 'SIGKILL') => {
      await workerAt(workers, index).kill(signal, `kill(${index}, ${signal})`);
    },
    release: () => workers.forEach((worker) => worker.say('close')),
    stopAll,
  };
}

/** Runs one `spend` job: connects to the job's store and returns the spend report of its `spendQuery`. */
export async function fleetSpend(job: FleetJob, bound: FleetBound): Promise<FleetSpendReport> {
  const worker = startWorker({ ...job, action: 'spend' }, 0);
  const cancelBound = killAfterBound([worker], bound);
  try {
    const { spend } = await worker.waitFor((messages) => messages.find((m) => m.type === 'spend'), 'printing its spend report');
    const exit = await worker.exited;
    if (exit.code !== 0) throw worker.failure('did not exit 0');
    return spend;
  } finally {
    cancelBound();
    await worker.kill('SIGKILL', 'fleetSpend ended');
  }
}

function workerAt(workers: readonly FleetWorkerProcess[], index: number): FleetWorkerProcess {
  const worker = workers[index];
  if (!worker) throw new Error(`no fleet worker ${index} (the fleet has ${workers.length})`);
  return worker;
}
