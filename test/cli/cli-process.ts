import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_CONFIG = join(ROOT, 'examples/gateway.yaml');
/**
 * The command as shipped (package.json's `bin`), built by `npm test`'s pretest: it starts in a
 * fraction of the time the source takes through tsx, and it is what users run.
 */
const CLI = join(ROOT, 'dist/cli.js');
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it first)`);
/** Starting node takes seconds on a loaded machine: the bound ends a real hang, it does not time the work. */
const BOUND_MS = 60_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of every child: the test's own, without the variables that would change which database or master key a command uses. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'SWITCHYARD_MASTER_KEY', 'LITELLM_MASTER_KEY', 'NODE_OPTIONS']) delete base[name];
  return { ...base, ...env };
}

/** `switchyard <args>` run to its end in `cwd`; never rejects for an exit code, only for a hang past the bound. */
export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd, env: childEnv(options.env ?? {}), timeout: BOUND_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error && error.killed) reject(new Error(`switchyard ${args.join(' ')} did not end within ${BOUND_MS} ms: ${stderr}`));
        else resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

const everyServe = new Set<ServeProcess>();

/** `switchyard serve …` running in `cwd`: its URL once it listens, its output, its exit. */
export class ServeProcess {
  stdout = '';
  stderr = '';
  readonly url: Promise<string>;
  readonly exited: Promise<number | null>;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];

  constructor(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined>; nodeArgs?: readonly string[] }) {
    const nodeArgs = [...(options.nodeArgs ?? []), CLI, ...args];
    this.#child = spawn(process.execPath, nodeArgs, { cwd: options.cwd, env: childEnv(options.env ?? {}), stdio: 'pipe' });
    everyServe.add(this);
    this.#child.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => this.#child.once('close', (code) => resolve(code)));
    void this.exited.then(() => everyServe.delete(this));
    const lines = createInterface({ input: this.#child.stdout });
    lines.on('line', (line) => {
      this.#lines.push(line);
      this.stdout += `${line}\n`;
    });
    this.url = new Promise((resolve, reject) => {
      const bound = setTimeout(() => reject(new Error(`switchyard serve did not listen within ${BOUND_MS} ms: ${this.stderr}`)), BOUND_MS);
      lines.on('line', (line) => {
        const url = /switchyard gateway on (http:\/\/\S+)/.exec(line)?.[1] ?? /"url":"(http:[^"]+)"/.exec(line)?.[1];
        if (url === undefined) return;
        clearTimeout(bound);
        resolve(url);
      });
      void this.exited.then((code) => {
        clearTimeout(bound);
        reject(new Error(`switchyard serve ended (${code}) before listening: ${this.stderr}`));
      });
    });
  }

  /** The lines written to stdout so far. */
  get lines(): readonly string[] {
    return this.#lines;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill(signal);
  }

  /** SIGTERM, then the exit code (bounded: a hang is killed and reported). */
  async stop(): Promise<number | null> {
    this.signal('SIGTERM');
    const bound = setTimeout(() => this.signal('SIGKILL'), BOUND_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(bound);
    }
  }
}

/** For `afterAll`: kills every serve process still running, whatever happened in the tests. */
export async function stopEveryServe(): Promise<void> {
  const running = [...everyServe];
  for (const serve of running) serve.signal('SIGKILL');
  await Promise.all(running.map((serve) => serve.exited));
}

/** A directory of the test's own, the working directory of its commands (so `sqlite:./switchyard.db` is the test's), and its removal. */
export async function workDirectory(label: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `switchyard-cli-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
