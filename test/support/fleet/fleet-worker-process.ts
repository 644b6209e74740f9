import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FLEET_JOB_ENV, type FleetJob, type FleetMessage } from './fleet-job.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKER_SCRIPT = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The parent's side of one fleet-worker.ts process: its messages so far, its stderr, its exit. */
export class FleetWorkerProcess {
  readonly messages: FleetMessage[] = [];
  stderr = '';
  readonly exited: Promise<WorkerExit>;
  /** Why the parent killed it, told in every failure that follows. */
  private stoppedBecause: string | undefined;
  private readonly listeners = new Set<() => void>();
  private exit: WorkerExit | undefined;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(
    readonly index: number,
    readonly job: FleetJob,
  ) {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, [FLEET_JOB_ENV]: JSON.stringify(job) },
      stdio: 'pipe',
    });
    this.child = child;
    // Writing to a worker that has died raises EPIPE here; its exit tells the story.
    child.stdin.on('error', () => {});
    child.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    createInterface({ input: child.stdout }).on('line', (line) => this.heard(line));
    this.exited = new Promise((resolve) => {
      const settle = (exit: WorkerExit) => {
        this.exit ??= exit;
        this.notify();
        resolve(this.exit);
      };
      // 'close', not 'exit': by then every line it wrote has been read.
      child.once('close', (code, signal) => settle({ code, signal }));
      child.once('error', (error) => {
        this.stderr += `spawn failed: ${error.message}\n`;
        settle({ code: null, signal: null });
      });
    });
  }

  get alive(): boolean {
    return this.exit === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Writes one line to the worker's stdin (`go`, `close`). */
  say(word: string): void {
    if (this.alive) this.child.stdin.write(`${word}\n`);
  }

  /** Sends `signal` and resolves once the worker has exited. */
  async kill(signal: NodeJS.Signals, because: string): Promise<WorkerExit> {
    if (this.alive) {
      this.stoppedBecause ??= because;
      this.child.kill(signal);
    }
    return this.exited;
  }

  /** Resolves with what `pick` finds in the messages, once it finds something; rejects if the worker exits first. */
  waitFor<T>(pick: (messages: readonly FleetMessage[]) => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = pick(this.messages);
        if (found !== undefined) {
          this.listeners.delete(check);
          resolve(found);
        } else if (this.exit !== undefined) {
          this.listeners.delete(check);
          reject(this.failure(`exited before ${what}`));
        }
      };
      this.listeners.add(check);
      check();
    });
  }

  /** An error naming this worker, how it ended and its stderr. */
  failure(what: string): Error {
    const how = this.exit ? `code ${this.exit.code}, signal ${this.exit.signal}` : 'still running';
    const why = this.stoppedBecause ? ` (killed: ${this.stoppedBecause})` : '';
    return new Error(`fleet worker ${this.index} ${what} [${how}]${why}\nstderr:\n${this.stderr || '(empty)'}`);
  }

  private heard(line: string): void {
    try {
      this.messages.push(JSON.parse(line) as FleetMessage);
    } catch {
      this.stderr += `(stdout, not JSON) ${line}\n`;
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
