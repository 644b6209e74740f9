import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(join(root, 'dist', 'index.js'));

/** The README's snippets under "## Use", in order, as a user copies them. */
async function useSnippets(): Promise<string[]> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Use\n'), readme.indexOf('\n## ', readme.indexOf('\n## Use\n') + 1));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

/**
 * A fresh project beside the built package, as after `npm install switchyard`: the snippets
 * are typechecked under `strict` and the first one runs. Child processes: the bound ends a
 * real hang, it does not time the work.
 */
describe.skipIf(!built && !process.env.CI)("the README's usage", { timeout: 180_000 }, () => {
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'switchyard-readme-'));
    await mkdir(join(project, 'node_modules'));
    await symlink(root, join(project, 'node_modules', 'switchyard'), 'dir');
    await symlink(join(root, 'node_modules', '@types'), join(project, 'node_modules', '@types'), 'dir');
    await writeFile(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    const compilerOptions = { strict: true, noEmit: true, module: 'nodenext', target: 'es2022', types: ['node'], skipLibCheck: true };
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.mts'] }));
    const snippets = await useSnippets();
    await Promise.all(snippets.map((code, i) => writeFile(join(project, `snippet-${i + 1}.mts`), code)));
  });

  afterAll(() => rm(project, { recursive: true, force: true }));

  it('has a runnable quickstart and an example with real providers', async () => {
    expect(await useSnippets()).toHaveLength(2);
  });

  it('typechecks under strict', async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', project]).catch((error: { stdout: string }) => error);
    expect(result.stdout).toBe('');
  });

  it('runs the quickstart as pasted, on the mock provider', async () => {
    const { stdout } = await run(process.execPath, ['--import', join(root, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'), 'snippet-1.mts'], {
      cwd: project,
      env: { ...process.env, OPENAI_API_KEY: '' },
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^served by (steady|flaky) after [12] attempt\(s\)$/);
    expect(lines[1]).toMatch(/^Hello from the (steady|flaky) one\.$/);
    expect(lines[2]).toMatch(/^served by (steady|flaky) after [12] attempt\(s\)$/);
    expect(lines[3]).toMatch(/^Hello from the (steady|flaky) one\.$/);
  });
});
