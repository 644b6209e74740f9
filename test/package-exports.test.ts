import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { afterThisTest } from './support/after-this-test.js';
import { tableCostUsd } from './support/price-table.js';

const run = promisify(execFile);
const consumer = fileURLToPath(new URL('./package-consumer/', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/index.cjs', import.meta.url)));
/** What the consumers' call (1,000 input and 1,000 output tokens of gpt-4o-mini) costs by the price table's own entry. */
const listedCost = () => expect.closeTo(tableCostUsd('openai', 'gpt-4o-mini', { input_tokens: 1000, output_tokens: 1000 }), 12);

/** Imports the built package by its name, as a user's code would (`npm test` builds first). */
/**
 * Each test runs node, tsc or vitest in a child process: seconds on an idle machine, far more
 * beside busy processes. The bound is there to end a real hang, not to time the work.
 */
const CHILD_PROCESS_BOUND_MS = 180_000;

describe.skipIf(!built && !process.env.CI)('the built package', { timeout: CHILD_PROCESS_BOUND_MS }, () => {
  it('imports from ESM, without loading vitest', async () => {
    const { stdout } = await run(process.execPath, ['--import', './forbid-vitest.mjs', 'esm.mjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({
      content: 'esm ok',
      costUsd: listedCost(),
      classes: Array(6).fill('function'),
      testing: 'vitest is forbidden in this process',
    });
  });

  it('requires from CJS, the testing subpath resolving to the CJS build', async () => {
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ content: 'cjs ok', costUsd: listedCost(), classes: Array(6).fill('function'), testing: 'testing.cjs' });
  });

  it('keeps instanceof across the ESM and CJS builds and a duplicated copy in one process', async () => {
    // The copy: the ESM build at another path, resolving its dependencies from this project's node_modules.
    const copy = await mkdtemp(join(tmpdir(), 'switchyard-copy-'));
    afterThisTest(() => rm(copy, { recursive: true, force: true }));
    await cp(fileURLToPath(new URL('../dist/', import.meta.url)), join(copy, 'dist'), { recursive: true });
    await writeFile(join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
    await symlink(fileURLToPath(new URL('../node_modules/', import.meta.url)), join(copy, 'node_modules'), 'dir');

    const { stdout } = await run(process.execPath, ['dual-build.mjs', join(copy, 'dist', 'index.js')], { cwd: consumer });

    const { distinct, checks } = JSON.parse(stdout) as { distinct: boolean; checks: Record<string, unknown> };
    expect(distinct).toBe(true);
    const builds = ['esm', 'cjs', 'copy'];
    const expected = Object.fromEntries(
      builds.flatMap((from) =>
        builds.map((to) => [
          `${from} error instanceof ${to} class`,
          {
            auth: { RouterError: true, AuthenticationError: true, RateLimitError: false },
            config: { RouterError: true, ConfigError: true, AuthenticationError: false },
          },
        ]),
      ),
    );
    expect(checks).toEqual(expected);
  });

  it('runs the strategy conformance suite from switchyard/testing in a vitest project', async () => {
    const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
    // One case fails on purpose, so vitest exits with an error; its report is still on stdout.
    const { stdout } = await run(process.execPath, [vitest, 'run', '--reporter=json'], { cwd: consumer }).catch((error: { stdout: string }) => error);
    const report = JSON.parse(stdout) as { testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }> };
    const statuses = report.testResults
      .flatMap((file) => file.assertionResults)
      .map((test) => `${test.ancestorTitles.join(' ')} | ${test.title}: ${test.status}`);
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
  });

  it('ships types for both', async () => {
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    // tsc prints its errors on stdout; the consumers' @ts-expect-error lines fail it if the types resolve to nothing.
    const { stdout } = await run(process.execPath, [tsc, '-p', consumer]).catch((error: { stdout: string }) => error);
    expect(stdout).toBe('');
  });
});
