import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The examples are programs users copy: they must keep running. Each runs in a child process
 * (tsx compiles it first); the bound ends a real hang, it does not time the work.
 */
describe('examples', { timeout: 180_000 }, () => {
  it('the demo prints its table', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { cwd: root });
    expect(stdout).toMatch(/deployment\s+served\s+failed attempts\s+p50 latency\s+total cost/);
    expect(stdout).toMatch(/100 succeeded/);
  });

  it('the custom provider runs', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/custom-provider.ts'], { cwd: root });
    expect(stdout).toContain('You said 5 words.');
  });

  it('the budgets and limits example refuses what it should', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/budgets-and-limits.ts'], { cwd: root });
    expect(stdout).toContain('alice call 6: refused: budget spent ($0.010 of $0.01)');
    expect(stdout).toContain('burst-bot call 4: refused: rpm limit, retry in 60 s');
    expect(stdout).toContain('everyone: $0.016');
  });

  it('the OpenTelemetry example prints the call span, its attempts and the application span', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/opentelemetry.ts'], { cwd: root });
    expect(stdout).toContain('answer:');
    expect(stdout).toContain("name: 'chat chat'");
    expect(stdout).toContain("name: 'handle request'");
    expect(stdout).toContain("'gen_ai.operation.name': 'chat'");
  });

  it('the gateway example makes a key, answers a call made with it and counts its spend', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/gateway.ts'], {
      cwd: root,
      env: { ...process.env, GATEWAY_PORT: '0', GATEWAY_SELF_TEST: '1' },
    });
    expect(stdout).toMatch(/switchyard gateway on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain('answer: Hello through the gateway.');
    expect(stdout).toMatch(/spend so far: \$0\.0000\d\d/);
  });

  it('the custom strategy runs', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/custom-strategy.ts'], { cwd: root });
    expect(stdout).toMatch(/served: \{ budget: \d+, premium: \d+ \}/);
  });
});
