import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The examples are programs users copy: they must keep running. */
describe('examples', () => {
  it('the demo prints its table', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { cwd: root });
    expect(stdout).toMatch(/deployment\s+served\s+failed attempts\s+p50 latency\s+total cost/);
    expect(stdout).toMatch(/100 succeeded/);
  }, 30_000);

  it('the custom provider runs', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/custom-provider.ts'], { cwd: root });
    expect(stdout).toContain('You said 5 words.');
  }, 30_000);

  it('the budgets and limits example refuses what it should', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/budgets-and-limits.ts'], { cwd: root });
    expect(stdout).toContain('alice call 6: refused: budget spent ($0.010 of $0.01)');
    expect(stdout).toContain('burst-bot call 4: refused: rpm limit, retry in 60 s');
    expect(stdout).toContain('everyone: $0.016');
  }, 30_000);

  it('the custom strategy runs', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/custom-strategy.ts'], { cwd: root });
    expect(stdout).toMatch(/served: \{ budget: \d+, premium: \d+ \}/);
  }, 30_000);
});
