import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const consumer = fileURLToPath(new URL('./package-consumer/', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/index.cjs', import.meta.url)));

/** Imports the built package by its name, as a user's code would (`npm test` builds first). */
describe.skipIf(!built && !process.env.CI)('the built package', () => {
  it('imports from ESM', async () => {
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ content: 'esm ok', costUsd: 0.00075, classes: Array(6).fill('function') });
  });

  it('requires from CJS', async () => {
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ content: 'cjs ok', costUsd: 0.00075, classes: Array(6).fill('function') });
  });

  it('ships types for both', async () => {
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    await expect(run(process.execPath, [tsc, '-p', consumer])).resolves.toBeDefined();
  }, 30_000);
});
