import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * On a machine with two cores or more, the client runs on the first and the servers on
 * the last: a provider runs elsewhere in real life, and sharing one core would charge its
 * work to whichever client is measured. Needs `taskset`; without it nothing is pinned.
 */
const PINNED = availableParallelism() >= 2 && pin(process.pid, 0);

function pin(pid: number | undefined, core: number): boolean {
  if (pid === undefined) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pinningNote(): string {
  return PINNED ? 'client pinned to core 0, servers to the last core' : 'processes not pinned (one core, or no taskset)';
}

/** Forks a server script of bench/ into its own process and waits for the first message it sends (its URLs). */
export async function forkServers<T>(script: string): Promise<{ child: ChildProcess; message: T }> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const message = await new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited early (code ${code})`)));
  });
  if (PINNED) pin(child.pid, availableParallelism() - 1);
  return { child, message };
}

/** Runs a benchmark: a missed goal is a figure to read, not a failure, so exit 0 unless the benchmark itself broke. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
