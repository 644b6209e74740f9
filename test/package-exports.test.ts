import { execFile, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { afterThisTest } from './support/after-this-test.js';
import { tableCostUsd } from './support/price-table.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from './support/redis/redis-gate.js';

const run = promisify(execFile);
const consumer = fileURLToPath(new URL('./package-consumer/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const nodeModules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const built = existsSync(join(dist, 'index.cjs'));
const describeRedis = await redisDescribe();
/** What the consumers' call (1,000 input and 1,000 output tokens of gpt-4o-mini) costs by the price table's own entry. */
const listedCost = () => expect.closeTo(tableCostUsd('openai', 'gpt-4o-mini', { input_tokens: 1000, output_tokens: 1000 }), 12);

/** Imports the built package by its name, as a user's code would (`npm test` builds first). */
/**
 * Each test runs node, tsc or vitest in a child process: seconds on an idle machine, far more
 * beside busy processes. The bound is there to end a real hang, not to time the work.
 */
const CHILD_PROCESS_BOUND_MS = 180_000;

const children = new Set<ChildProcess>();
/** Runs node with `args` in the consumer project; it is killed when the bound passes, or when this file's tests end. */
function node(args: string[]) {
  const running = run(process.execPath, args, { cwd: consumer, timeout: CHILD_PROCESS_BOUND_MS, killSignal: 'SIGKILL' });
  children.add(running.child);
  running.child.once('exit', () => children.delete(running.child));
  return running;
}
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** The value the Redis at REDIS_URL holds for a window counter (a hash whose `v` is the count). */
async function counterValue(key: string): Promise<string | null> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  try {
    return await redis.hget(key, 'v');
  } finally {
    redis.disconnect();
  }
}

describe.skipIf(!built && !process.env.CI)('the built package', { timeout: CHILD_PROCESS_BOUND_MS }, () => {
  it('imports from ESM, without loading vitest', async () => {
    const { stdout } = await node(['--import', './forbid-vitest.mjs', 'esm.mjs']);
    expect(JSON.parse(stdout)).toEqual({
      content: 'esm ok',
      costUsd: listedCost(),
      classes: Array(6).fill('function'),
      testing: 'vitest is forbidden in this process',
    });
  });

  it('requires from CJS, the testing subpath resolving to the CJS build', async () => {
    const { stdout } = await node(['cjs.cjs']);
    expect(JSON.parse(stdout)).toEqual({ content: 'cjs ok', costUsd: listedCost(), classes: Array(6).fill('function'), testing: 'testing.cjs' });
  });

  it('keeps instanceof across the ESM and CJS builds and a duplicated copy in one process', async () => {
    // The copy: the ESM build at another path, resolving its dependencies from this project's node_modules.
    const copy = await mkdtemp(join(tmpdir(), 'switchyard-copy-'));
    afterThisTest(() => rm(copy, { recursive: true, force: true }));
    await cp(dist, join(copy, 'dist'), { recursive: true });
    await writeFile(join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
    await symlink(nodeModules, join(copy, 'node_modules'), 'dir');

    const { stdout } = await node(['dual-build.mjs', join(copy, 'dist', 'index.js')]);

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
    const vitest = join(nodeModules, 'vitest', 'vitest.mjs');
    // One case fails on purpose, so vitest exits with an error; its report is still on stdout.
    const { stdout } = await node([vitest, 'run', '--reporter=json']).catch((error: { stdout: string }) => error);
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

  it('ships types for both, every subpath included', async () => {
    const tsc = join(nodeModules, 'typescript', 'bin', 'tsc');
    // tsc prints its errors on stdout; the consumers' @ts-expect-error lines fail it if the types resolve to nothing.
    const { stdout } = await node([tsc, '-p', consumer]).catch((error: { stdout: string }) => error);
    expect(stdout).toBe('');
  });

  it('imports from ESM without loading ioredis, prom-client or OpenTelemetry', async () => {
    const { stdout } = await node(['--require', './forbid-optional-peers.cjs', 'without-ioredis-esm.mjs']);
    expect(JSON.parse(stdout)).toEqual({ content: 'esm without ioredis', redis: 'ioredis is forbidden in this process' });
  });

  it('requires from CJS without loading ioredis, prom-client or OpenTelemetry', async () => {
    const { stdout } = await node(['--require', './forbid-optional-peers.cjs', 'without-ioredis-cjs.cjs']);
    expect(JSON.parse(stdout)).toEqual({ content: 'cjs without ioredis', redis: 'ioredis is forbidden in this process' });
  });

  it('loads switchyard/otel and switchyard/prometheus by name from ESM and CJS, and they instrument a router', async () => {
    for (const consumer of ['observe-esm.mjs', 'observe-cjs.cjs']) {
      const { stdout } = await node([consumer]);
      expect(JSON.parse(stdout)).toEqual({ otel: 'function', counted: true });
    }
  });

  it('loads switchyard/server by name from ESM and CJS: a gateway answers a call over HTTP', async () => {
    for (const [consumer, content] of [
      ['server-esm.mjs', 'esm gateway ok'],
      ['server-cjs.cjs', 'cjs gateway ok'],
    ]) {
      const { stdout } = await node([consumer as string]);
      expect(JSON.parse(stdout)).toEqual({ status: 200, content });
    }
  });

  it('loads switchyard/config by name from ESM and CJS: a config file becomes a router that answers', async () => {
    for (const consumer of ['config-esm.mjs', 'config-cjs.cjs']) {
      const { stdout } = await node([consumer]);
      expect(JSON.parse(stdout)).toEqual({ deployments: 1, warnings: [], answered: 'string' });
    }
  });

  it('runs without ioredis installed, its redis entry failing on the missing ioredis', async () => {
    // The copy: dist beside a node_modules holding every package of this project's but ioredis.
    const copy = await mkdtemp(join(tmpdir(), 'switchyard-no-ioredis-'));
    afterThisTest(() => rm(copy, { recursive: true, force: true }));
    await cp(dist, join(copy, 'dist'), { recursive: true });
    await writeFile(join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
    await mkdir(join(copy, 'node_modules'));
    const packages = (await readdir(nodeModules)).filter((name) => !name.startsWith('.') && name !== 'ioredis');
    await Promise.all(packages.map((name) => symlink(join(nodeModules, name), join(copy, 'node_modules', name), 'dir')));

    const { stdout } = await node(['uninstalled-ioredis.mjs', join(copy, 'dist')]);

    expect(JSON.parse(stdout)).toEqual({
      esm: 'esm core ok',
      cjs: 'cjs core ok',
      esmRedis: { code: 'ERR_MODULE_NOT_FOUND', message: expect.stringContaining("Cannot find package 'ioredis'") },
      cjsRedis: { code: 'MODULE_NOT_FOUND', message: expect.stringContaining("Cannot find module 'ioredis'") },
    });
  });

  describeRedis('switchyard/redis', () => {
    it.each([
      ['ESM', 'esm', 'redis-esm.mjs'],
      ['CJS', 'cjs', 'redis-cjs.cjs'],
    ])('loads by its name from %s, connects and routes a call with Redis state', async (_, build, file) => {
      const prefix = uniquePrefix(`package-${build}`);
      afterThisTest(async () => void (await deleteKeys(REDIS_URL, `{${prefix}}*`)));

      const { stdout } = await node([file, REDIS_URL, prefix]);

      expect(JSON.parse(stdout)).toEqual({ connect: 'function', content: `${build} redis ok`, available: true });
      expect(await counterValue(`{${prefix}}c:deployment-rpm:${build}-consumer`)).toBe('1');
    });
  });
});
