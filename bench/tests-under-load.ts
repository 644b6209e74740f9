/**
 * Runs `npm test` again and again while CPU-bound processes keep every core busy, and
 * prints each run's `N passed, N failed` line: a suite that depends on the machine's
 * speed or on the minute it runs in fails here first.
 *
 *   npx tsx bench/tests-under-load.ts [runs=10] [busy processes=3]
 */
import { spawn, type ChildProcess } from 'node:child_process';

const runs = Number(process.argv[2] ?? 10);
const busyCount = Number(process.argv[3] ?? 3);

function busyLoop(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

/** One `npm test`: its summary line, its exit code and how long it took. */
function runTests(): Promise<{ summary: string; code: number | null; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['test'], { env: { ...process.env, CI: 'true', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('close', (code) => {
      const summary = output.match(/^\d+ passed, \d+ failed.*$/m)?.[0] ?? 'no summary line';
      if (code !== 0)
        process.stdout.write(
          output
            .split('\n')
            .filter((line) => /FAIL|✗|×|Error/.test(line))
            .slice(0, 40)
            .join('\n') + '\n',
        );
      resolve({ summary, code, seconds: Math.round((Date.now() - started) / 1000) });
    });
  });
}

const busy = Array.from({ length: busyCount }, busyLoop);
const stop = () => busy.forEach((child) => child.kill('SIGKILL'));
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

let green = 0;
for (let run = 1; run <= runs; run++) {
  const { summary, code, seconds } = await runTests();
  if (code === 0) green++;
  console.log(`run ${run}/${runs}: ${summary} (exit ${code}, ${seconds} s, ${busyCount} busy processes beside it)`);
}
// The busy processes hold the event loop open: stop them, or this process (and they) would never end.
stop();
console.log(`${green} of ${runs} runs green under load`);
process.exitCode = green === runs ? 0 : 1;
