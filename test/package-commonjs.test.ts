import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { afterThisTest } from './support/after-this-test.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const consumer = join(root, 'test', 'package-consumer');
const built = existsSync(join(root, 'dist', 'index.cjs'));
/** Each test runs npm, node or tsx in a child process: the bound ends a real hang, it does not time the work. */
const CHILD_PROCESS_BOUND_MS = 180_000;

/** The oldest Node the package claims, from `engines.node` (`>=20.18.1`). */
function oldestClaimedNode(): string {
  const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const version = /^>=\s*(\d+\.\d+\.\d+)$/.exec(engines.node)?.[1];
  if (!version) throw new Error(`engines.node is '${engines.node}'; this test reads a lower bound such as '>=20.18.1'`);
  return version;
}

/** That Node's binary, from the npm registry's `node` package, installed once under node_modules/.cache; or why it cannot be had. */
async function nodeBinary(version: string): Promise<{ path: string } | { failure: string }> {
  const prefix = join(root, 'node_modules', '.cache', 'switchyard-node', version);
  const path = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(path)) {
    await mkdir(prefix, { recursive: true });
    const installed = await run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `node@${version}`]).catch(
      (error: Error) => error,
    );
    if (installed instanceof Error || !existsSync(path)) return { failure: `npm could not install node@${version}: ${String(installed)}` };
  }
  return { path };
}

describe.skipIf(!built && !process.env.CI)('the CommonJS build', { timeout: CHILD_PROCESS_BOUND_MS }, () => {
  it('loads and calls on the oldest Node the package claims', async (context) => {
    const version = oldestClaimedNode();
    const binary = await nodeBinary(version);
    if ('failure' in binary) {
      if (process.env.CI) throw new Error(binary.failure);
      return context.skip(`${binary.failure} (skipped outside CI)`);
    }
    const { stdout } = await run(binary.path, ['cjs-first-calls.cjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ node: `v${version}`, mock: 'mock ok', http: 'http ok', warmedUp: true });
  });

  it('lets a short script with a token-counting router exit without building the tokenizer, unless it warms up', async () => {
    const exit = async (...args: string[]) =>
      JSON.parse((await run(process.execPath, ['cjs-exit-before-tokenizer.cjs', ...args], { cwd: consumer })).stdout) as unknown;
    expect(await exit()).toEqual({ tiktokenLoaded: false });
    expect(await exit('warmup')).toEqual({ tiktokenLoaded: true });
  });

  it('loads from a .cts file run by tsx, in a project of its own', async () => {
    // Outside this repository, whose tsconfig points `switchyard` at the sources.
    const project = await mkdtemp(join(tmpdir(), 'switchyard-cts-'));
    afterThisTest(() => rm(project, { recursive: true, force: true }));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'cts-consumer', private: true }));
    await mkdir(join(project, 'node_modules'));
    await symlink(root, join(project, 'node_modules', 'switchyard'), 'dir');
    await copyFile(join(consumer, 'cjs-under-tsx.cts'), join(project, 'main.cts'));

    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const { stdout } = await run(process.execPath, [tsx, 'main.cts'], { cwd: project });
    expect(stdout.trim()).toBe('tsx ok');
  });
});
