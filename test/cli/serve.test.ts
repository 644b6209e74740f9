import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli, ServeProcess, stopEveryServe, workDirectory } from './cli-process.js';

const MASTER_KEY = 'sk-demo-master';
const hi = [{ role: 'user' as const, content: 'hi' }];
const sdk = (url: string, apiKey = MASTER_KEY) => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });

let dir: Awaited<ReturnType<typeof workDirectory>>;
beforeEach(async () => {
  dir = await workDirectory('serve');
});
afterEach(async () => {
  await stopEveryServe();
  await dir.remove();
});
afterAll(stopEveryServe);

const serve = (args: readonly string[], env?: Record<string, string | undefined>) => new ServeProcess(args, { cwd: dir.path, env });
const LOCAL = ['--port', '0', '--host', '127.0.0.1'];

describe('switchyard serve', { timeout: 120_000 }, () => {
  it('serves examples/gateway.yaml to the openai SDK: chat, a stream, the fallback, embeddings, the models; SIGTERM exits 0', async () => {
    const gateway = serve(['serve', '--config', EXAMPLE_CONFIG, ...LOCAL]);
    const url = await gateway.url;
    const startLine = gateway.lines.find((line) => line.startsWith('switchyard gateway on'));
    expect(startLine).toMatch(/models: chat, smart, embed · database: sqlite:\.\/switchyard\.db · state: memory, this process only$/);
    expect(gateway.stdout).not.toContain(MASTER_KEY);
    const openai = sdk(url);

    const answer = await openai.chat.completions.create({ model: 'chat', messages: hi });
    expect(answer.choices[0]?.message.content).toBe("Hello from switchyard's mock provider.");

    const stream = await openai.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'a stream' }], stream: true });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe("Hello from switchyard's mock provider.");

    // smart answers 503 on purpose: router_settings.fallbacks sends its calls to chat.
    const fellBack = await openai.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'fallback' }] });
    expect(fellBack.choices[0]?.message.content).toBe("Hello from switchyard's mock provider.");

    const embedded = await openai.embeddings.create({ model: 'embed', input: ['one', 'two'] });
    expect(embedded.data).toHaveLength(2);

    const models = await openai.models.list();
    expect(models.data.map((model) => model.id).sort()).toEqual(['chat', 'embed', 'smart']);

    expect(await gateway.stop()).toBe(0);
    expect(gateway.lines.at(-1)).toBe('switchyard gateway stopped');
  });

  it("takes LiteLLM's form (switchyard --config F --port P) and writes a JSON line per call with --detailed_debug", async () => {
    const gateway = serve(['--config', EXAMPLE_CONFIG, ...LOCAL, '--detailed_debug']);
    const url = await gateway.url;
    await sdk(url).chat.completions.create({ model: 'chat', messages: hi });
    expect(await gateway.stop()).toBe(0);
    const records = gateway.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => record.kind)).toEqual(['seed', 'start', 'call', 'stop', 'stopped']);
    expect(records[1]).toMatchObject({ url, host: '127.0.0.1', models: ['chat', 'smart', 'embed'], database: 'sqlite:./switchyard.db' });
    expect(records[2]).toMatchObject({ kind: 'call', model: 'chat', provider: 'mock', outcome: 'success', cacheHit: false });
  });

  it("makes the file's users and fixed keys at start, once; an entry without a key is a warning saying how to make it", async () => {
    const config = join(dir.path, 'config.yaml');
    await writeFile(
      config,
      [
        'model_list:',
        '  - { model_name: chat, litellm_params: { model: mock/chat, input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 } }',
        'user_config:',
        '  - { user_id: ann, max_budget: 10, budget_duration: 30d, models: [chat] }',
        'key_settings:',
        '  - { key_alias: ci, key: os.environ/CI_KEY, user_id: ann, rpm_limit: 20 }',
        '  - { key_alias: laptop, user_id: ann }',
        'general_settings: { master_key: sk-file-master-key }',
      ].join('\n'),
    );
    const env = { CI_KEY: 'sk-ci-key-from-the-environment' };
    const first = serve(['serve', '--config', config, ...LOCAL], env);
    const url = await first.url;
    expect(first.lines.slice(0, 2)).toEqual(['user_config[0]: made user ann', 'key_settings[0]: made key sk-...ment (ci)']);
    expect(first.stderr).toContain(
      'warning: key_settings[1]: not made: it fixes no key, and one made here would have to be shown in this log. ' +
        `Fix it (key: os.environ/NAME), or run: switchyard keys create --config ${config} --alias laptop`,
    );
    expect(first.stdout + first.stderr).not.toContain(env.CI_KEY);

    await sdk(url, env.CI_KEY).chat.completions.create({ model: 'chat', messages: hi });
    const user = (await (await fetch(`${url}/user/info?user_id=ann`, { headers: { authorization: 'Bearer sk-file-master-key' } })).json()) as {
      user_info: { max_budget: number; models: string[] };
      keys: { key_alias: string; rpm_limit: number }[];
    };
    expect(user.user_info).toMatchObject({ max_budget: 10, models: ['chat'] });
    expect(user.keys).toMatchObject([{ key_alias: 'ci', rpm_limit: 20 }]);
    expect(await first.stop()).toBe(0);

    const second = serve(['serve', '--config', config, ...LOCAL], env);
    await second.url;
    expect(second.lines[0]).toMatch(/^switchyard gateway on /);
    expect(await second.stop()).toBe(0);
  });

  it('without a master key it exits 1 saying where to set one', async () => {
    const config = join(dir.path, 'config.yaml');
    await writeFile(config, 'model_list:\n  - { model_name: chat, litellm_params: { model: mock/chat } }\n');
    const result = await runCli(['serve', '--config', config, ...LOCAL], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('switchyard serve: no master key: set general_settings.master_key in the file (e.g. os.environ/SWITCHYARD_MASTER_KEY)');
  });

  it('a port in use exits 1 saying so', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as { port: number };
      const result = await runCli(['serve', '--config', EXAMPLE_CONFIG, '--port', String(port), '--host', '127.0.0.1'], { cwd: dir.path });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`switchyard serve: port ${port} on 127.0.0.1 is taken by another program: choose another with --port`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a Redis that cannot be reached exits 1 saying so, without its password', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const config = join(dir.path, 'config.yaml');
    await writeFile(
      config,
      [
        'model_list:\n  - { model_name: chat, litellm_params: { model: mock/chat } }',
        `router_settings: { redis_url: "redis://:redis-secret-pw@127.0.0.1:${port}" }`,
        'general_settings: { master_key: sk-file-master-key }',
      ].join('\n'),
    );
    const result = await runCli(['serve', '--config', config, ...LOCAL], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^switchyard serve: RedisStateStore: Redis at redis://127\\.0\\.0\\.1:${port} cannot be reached: .*\\n$`));
    expect(result.stderr).not.toContain('redis-secret-pw');
  });

  it('a bad file exits 1 naming the path of each problem, and never shows a key from it', async () => {
    const config = join(dir.path, 'config.yaml');
    await writeFile(
      config,
      'model_list:\n  - { model_name: chat, litellm_params: { model: mock/chat, rpm: -5 } }\ngeneral_settings: { master_key: sk-secret-master-1234 }\n',
    );
    const result = await runCli(['serve', '--config', config], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('model_list[0].litellm_params.rpm');
    expect(result.stderr).not.toContain('sk-secret-master-1234');
  });
});
