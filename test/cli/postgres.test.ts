import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dropTables, POSTGRES_URL, postgresDescribe, uniqueTablePrefix } from '../support/postgres/postgres-gate.js';
import { runCli, ServeProcess, stopEveryServe, workDirectory } from './cli-process.js';

const describePostgres = await postgresDescribe();
const prefix = uniqueTablePrefix('cli');

let dir: Awaited<ReturnType<typeof workDirectory>>;
let config: string;
beforeAll(async () => {
  dir = await workDirectory('postgres');
  config = join(dir.path, 'config.yaml');
  await writeFile(
    config,
    [
      'model_list:',
      '  - { model_name: chat, litellm_params: { model: mock/chat, input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 } }',
      'user_config:',
      '  - { user_id: ann, max_budget: 10, budget_duration: 30d }',
      'general_settings:',
      '  master_key: sk-postgres-master-key',
      '  database_url: os.environ/DATABASE_URL',
      `  table_prefix: ${prefix}`,
    ].join('\n'),
  );
});
afterAll(async () => {
  await stopEveryServe();
  await dropTables(POSTGRES_URL, prefix);
  await dir.remove();
});

describePostgres('switchyard keys, serve and spend on Postgres (DATABASE_URL)', () => {
  it('a key made by the CLI is served by the gateway; spend reads the calls back; the password never shows', { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: POSTGRES_URL.replace('postgres@', 'postgres:not-shown-pw@') };
    const created = await runCli(['keys', 'create', '--config', config, '--user', 'ann', '--alias', 'pg-key'], { cwd: dir.path, env });
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('in postgresql://postgres@127.0.0.1:5432/test.');

    const gateway = new ServeProcess(['serve', '--config', config, '--port', '0', '--host', '127.0.0.1'], { cwd: dir.path, env });
    const openai = new OpenAI({ baseURL: `${await gateway.url}/v1`, apiKey: created.stdout.trim(), maxRetries: 0 });
    await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    expect(gateway.lines.find((line) => line.startsWith('switchyard gateway on'))).toContain('database: postgresql://postgres@127.0.0.1:5432/test ·');
    expect(await gateway.stop()).toBe(0);

    const spend = await runCli(['spend', '--config', config, '--user', 'ann'], { cwd: dir.path, env });
    expect(spend.code).toBe(0);
    expect(spend.stdout).toMatch(/^user ann: \$0\.0000\d\d spent, budget \$10 per 30d\nmodel group\s+spend\nchat\s+\$0\.0000\d\d\ntotal\s+\$0\.0000\d\d\n$/);
    const listed = await runCli(['keys', 'list', '--config', config], { cwd: dir.path, env });
    expect(listed.stdout).toMatch(/pg-key\s+ann/);
    for (const output of [created, spend, listed]) expect(output.stdout + output.stderr).not.toContain('not-shown-pw');
    expect(gateway.stdout + gateway.stderr).not.toContain('not-shown-pw');
  });
});
