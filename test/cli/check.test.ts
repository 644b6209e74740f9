import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli, workDirectory } from './cli-process.js';

let dir: Awaited<ReturnType<typeof workDirectory>>;
beforeAll(async () => {
  dir = await workDirectory('check');
});
afterAll(() => dir.remove());

async function configFile(name: string, lines: readonly string[]): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, lines.join('\n'));
  return path;
}

const check = (config: string, env?: Record<string, string>) => runCli(['check', '--config', config], { cwd: dir.path, env });

describe.concurrent('switchyard check', { timeout: 120_000 }, () => {
  it('prints the deployments of examples/gateway.yaml as a table, the settings serve would use, and exits 0', async () => {
    const { code, stdout, stderr } = await check(EXAMPLE_CONFIG);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`${EXAMPLE_CONFIG}: 3 model groups, 4 deployments`);
    expect(lines[2]).toMatch(/^model group\s+provider\s+provider model\s+id\s+limits\s+price$/);
    expect(lines[3]).toMatch(/^chat\s+mock\s+chat-a\s+mock\/chat-a@\w+\s+rpm 600\s+\$0\.15 in, \$0\.6 out per 1M tokens$/);
    expect(lines[4]).toMatch(/^chat\s+mock\s+chat-b\s/);
    expect(lines[5]).toMatch(/^smart\s+mock\s+smart\s+\S+\s+-\s+\$2\.5 in, \$10 out per 1M tokens$/);
    expect(lines[6]).toMatch(/^embed\s+mock\s+embed\s+\S+\s+-\s+free$/);
    expect(stdout).toContain('fallbacks: smart → chat\n');
    expect(stdout).toContain('cache: memory, ttl 600 s\n');
    expect(stdout).toContain("database: sqlite:./switchyard.db (the CLI's default)\n");
    expect(stdout).toContain('master key: set\n');
    expect(stdout.trimEnd().endsWith('no warnings')).toBe(true);
  });

  it('says which prices are known, which are not, and lists the warnings with their paths; still exit 0', async () => {
    const config = await configFile('priced.yaml', [
      'model_list:',
      '  - { model_name: gpt-4o, litellm_params: { model: openai/gpt-4o, api_key: sk-not-a-real-key-1234, rpm: 100, tpm: 20000 } }',
      '  - { model_name: mine, litellm_params: { model: openai/my-finetune-xyz, api_key: sk-not-a-real-key-1234, max_parallel_requests: 3 } }',
      'litellm_settings: { set_verbose: true }',
      'router_settings: { redis_host: cache.internal, redis_password: hunter2-secret }',
      'general_settings: { database_url: "postgresql://app:pg-secret-pw@db.internal:5432/llm" }',
    ]);
    const { code, stdout } = await check(config);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^gpt-4o\s+openai\s+gpt-4o\s+\S+\s+rpm 100, tpm 20000\s+known \(price table\)$/m);
    expect(stdout).toMatch(/^mine\s+openai\s+my-finetune-xyz\s+\S+\s+parallel 3\s+unknown: costs and budgets not counted$/m);
    expect(stdout).toContain('state: Redis redis://cache.internal:6379, shared by every replica\n');
    expect(stdout).toContain('database: postgresql://app@db.internal:5432/llm (general_settings.database_url or DATABASE_URL)\n');
    expect(stdout).toContain('master key: not set: serve needs general_settings.master_key or SWITCHYARD_MASTER_KEY\n');
    expect(stdout).toMatch(/1 warning:\n {2}- litellm_settings\.set_verbose: /);
    for (const secret of ['sk-not-a-real-key-1234', 'hunter2-secret', 'pg-secret-pw']) expect(stdout).not.toContain(secret);
  });

  it('a bad file exits 1 with every problem named by its path', async () => {
    const config = await configFile('bad.yaml', [
      'model_list:',
      '  - { model_name: a, litellm_params: { model: mock/a, rpm: -5 } }',
      '  - { model_name: b, litellm_params: { model: mock/b, weight: many } }',
      'router_settings: { num_retries: lots }',
    ]);
    const { code, stdout, stderr } = await check(config);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^switchyard check: Invalid config file ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\n`));
    expect(stderr).toContain('  - model_list[0].litellm_params.rpm: ');
    expect(stderr).toContain('  - model_list[1].litellm_params.weight: ');
    expect(stderr).toContain('  - router_settings.num_retries: ');
  });

  it('an environment variable the file needs and the process lacks is an error naming it; given, the file checks', async () => {
    const config = await configFile('env.yaml', ['model_list:', '  - { model_name: a, litellm_params: { model: openai/gpt-4o, api_key: os.environ/MY_KEY } }']);
    const missing = await check(config);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('model_list[0].litellm_params.api_key: environment variable MY_KEY is not set');
    expect((await check(config, { MY_KEY: 'sk-from-the-env-1234' })).code).toBe(0);
  });

  it('a file that is not there exits 1 saying so; no --config exits 2', async () => {
    const missing = await check(join(dir.path, 'nowhere.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nowhere.yaml: no such file');
    const usage = await runCli(['check'], { cwd: dir.path });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe("switchyard check: --config FILE is required, e.g. --config examples/gateway.yaml\nSee 'switchyard check --help'.\n");
  });
});
