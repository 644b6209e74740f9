import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { GATEWAY_WORKER_JOB_ENV, type GatewayWorkerJob } from './gateway-worker-job.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKER_SCRIPT = fileURLToPath(new URL('./gateway-worker.ts', import.meta.url));
/** Starting node with tsx takes seconds on a loaded machine: the bound ends a real hang, it does not time the work. */
const START_BOUND_MS = 60_000;

/** Every gateway process started here, so `stopEveryGateway` (in `afterAll`) ends them whatever happened. */
const everyProcess = new Set<GatewayProcess>();

/** One gateway-worker.ts process: its URL once it listens, its exit. */
export class GatewayProcess {
  stderr = '';
  readonly url: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #child: ChildProcessWithoutNullStreams;

  constructor(job: GatewayWorkerJob) {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, [GATEWAY_WORKER_JOB_ENV]: JSON.stringify(job) },
      stdio: 'pipe',
    });
    this.#child = child;
    everyProcess.add(this);
    child.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => everyProcess.delete(this));
    this.url = new Promise((resolve, reject) => {
      const bound = setTimeout(() => reject(new Error(`the gateway process did not listen within ${START_BOUND_MS} ms: ${this.stderr}`)), START_BOUND_MS);
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(bound);
        resolve((JSON.parse(line) as { url: string }).url);
      });
      void this.exited.then(({ code, signal }) => {
        clearTimeout(bound);
        reject(new Error(`the gateway process ended (${code ?? signal}) before listening: ${this.stderr}`));
      });
    });
  }

  signal(signal: NodeJS.Signals): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill(signal);
  }
}

export async function stopEveryGateway(): Promise<void> {
  const running = [...everyProcess];
  for (const gateway of running) gateway.signal('SIGKILL');
  await Promise.all(running.map((gateway) => gateway.exited));
}
