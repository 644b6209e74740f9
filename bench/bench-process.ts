import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Forks a server script of bench/ into its own process and waits for the first message it sends (its URLs). */
export async function forkServers<T>(script: string): Promise<{ child: ChildProcess; message: T }> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const message = await new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited early (code ${code})`)));
  });
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
