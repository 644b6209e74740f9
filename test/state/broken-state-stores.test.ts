import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('runStateStoreConformance fails a store that keeps the caller’s circuit and one that drops counter adds, on the cases they break', async () => {
  const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
  const config = fileURLToPath(new URL('./fixtures/vitest.config.ts', import.meta.url));
  // The broken stores fail on purpose, so vitest exits with an error; its report is still on stdout.
  const { stdout } = await run(process.execPath, [vitest, 'run', '--config', config, '--reporter=json']).catch((error: { stdout: string }) => error);
  const report = JSON.parse(stdout) as { testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }> };
  const failed = report.testResults
    .flatMap((file) => file.assertionResults)
    .filter((test) => test.status !== 'passed')
    .map((test) => `${test.ancestorTitles.join(' ')} | ${test.title}: ${test.status}`);
  expect(failed).toEqual([
    'state store keeps-callers-circuit | keeps a copy of a circuit: the object written may be reused and changed by the router: failed',
    'state store keeps-callers-circuit | keeps every outcome a router records there, per deployment: failed',
    'state store drops-counter-adds | adds to a counter within its window, returns each new value, and takes amounts back: failed',
    'state store drops-counter-adds | starts a counter again in each new window as time moves on, and drops writes to one that is over: failed',
    'state store drops-counter-adds | keeps an all-time counter (window 0 to Infinity) however far time moves: failed',
  ]);
}, 60_000);
