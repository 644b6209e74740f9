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
  it('imports from ESM, without loading vitest', async () => {
    const { stdout } = await run(process.execPath, ['--import', './forbid-vitest.mjs', 'esm.mjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ content: 'esm ok', costUsd: 0.00075, classes: Array(6).fill('function'), testing: 'vitest is forbidden in this process' });
  });

  it('requires from CJS, the testing subpath resolving to the CJS build', async () => {
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ content: 'cjs ok', costUsd: 0.00075, classes: Array(6).fill('function'), testing: 'testing.cjs' });
  });

  it('runs the strategy conformance suite from switchyard/testing in a vitest project', async () => {
    const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
    // One case fails on purpose, so vitest exits with an error; its report is still on stdout.
    const { stdout } = await run(process.execPath, [vitest, 'run', '--reporter=json'], { cwd: consumer }).catch((error: { stdout: string }) => error);
    const report = JSON.parse(stdout) as { testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }> };
    const statuses = report.testResults.flatMap((file) => file.assertionResults).map((test) => `${test.ancestorTitles.join(' ')} | ${test.title}: ${test.status}`);
    const cases = [
      'only ever picks among the candidates it is given',
      'handles a group of one',
      'never picks a deployment the router filtered out, even under concurrent calls',
      'is deterministic with a seeded random source and a fixed clock',
      'shares no state between instances',
      'reads only the stats it declares',
    ];
    expect(statuses).toEqual([
      ...cases.map((title) => `strategy least-in-flight | ${title}: passed`),
      ...cases.map((title, i) => `strategy undeclared-reader | ${title}: ${i === 2 ? 'skipped' : i === 5 ? 'failed' : 'passed'}`),
    ]);
  }, 30_000);

  it('ships types for both', async () => {
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    await expect(run(process.execPath, [tsc, '-p', consumer])).resolves.toBeDefined();
  }, 30_000);
});
