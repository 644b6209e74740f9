import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI, { AuthenticationError } from 'openai';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli, ServeProcess, stopEveryServe, workDirectory } from './cli-process.js';

const hi = [{ role: 'user' as const, content: 'hi' }];
const LOCAL = ['--port', '0', '--host', '127.0.0.1'];

let dir: Awaited<ReturnType<typeof workDirectory>>;
beforeEach(async () => {
  dir = await workDirectory('keys');
});
afterEach(async () => {
  await stopEveryServe();
  await dir.remove();
});
afterAll(stopEveryServe);

const cli = (...args: string[]) => runCli(args, { cwd: dir.path });

/** Calls until a call fails, and answers its error. */
async function firstFailure(call: () => Promise<unknown>, boundMs: number): Promise<unknown> {
  const giveUpAt = Date.now() + boundMs;
  while (Date.now() < giveUpAt) {
    const error = await call().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (error !== undefined) return error;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`every call succeeded for ${boundMs} ms`);
}

describe('switchyard keys and spend', { timeout: 120_000 }, () => {
  it('keys create prints the key alone and once; a call with it goes through serve; spend counts it by key, user and model group', async () => {
    const created = await cli(
      'keys',
      'create',
      '--config',
      EXAMPLE_CONFIG,
      '--user',
      'demo-user',
      '--models',
      'chat',
      '--budget',
      '5',
      '--rpm',
      '10',
      '--alias',
      'laptop',
    );
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sk-[\w-]{32}$/);
    expect(created.stderr).toMatch(
      /^Made key sk-\.\.\.\S{4} \(token [0-9a-f]{12}\), alias laptop, user demo-user in sqlite:\.\/switchyard\.db\. It is shown this once/,
    );

    const gateway = new ServeProcess(['serve', '--config', EXAMPLE_CONFIG, ...LOCAL], { cwd: dir.path });
    const openai = new OpenAI({ baseURL: `${await gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    const answer = await openai.chat.completions.create({ model: 'chat', messages: hi });
    expect(answer.choices[0]?.message.content).toBe("Hello from switchyard's mock provider.");
    const refused = await openai.chat.completions.create({ model: 'smart', messages: hi }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 403 });
    expect(await gateway.stop()).toBe(0); // every spend-log row written

    const byKey = await cli('spend', '--key', 'laptop', '--config', EXAMPLE_CONFIG);
    expect(byKey.code).toBe(0);
    const lines = byKey.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^key laptop \(sk-\.\.\.\S{4}, token [0-9a-f]{12}\): \$0\.0000\d\d spent, budget \$5$/);
    expect(lines[1]).toMatch(/^model group\s+spend$/);
    expect(lines[2]).toMatch(/^chat\s+\$0\.0000\d\d$/);
    expect(lines[3]).toMatch(/^total\s+\$0\.0000\d\d$/);

    const byUser = await cli('spend', '--user', 'demo-user');
    expect(byUser.stdout).toMatch(/^user demo-user: \$0\.0000\d\d spent, budget \$1 per 30d\n/);

    const overview = await cli('spend');
    expect(overview.code).toBe(0);
    expect(overview.stdout).toMatch(/^scope\s+id\s+spend\s+budget$/m);
    expect(overview.stdout).toMatch(/^user\s+demo-user\s+\$0\.0000\d\d\s+\$1 \/ 30d$/m);
    expect(overview.stdout).toMatch(/^key\s+laptop \(sk-\.\.\.\S{4}, token [0-9a-f]{12}\)\s+\$0\.0000\d\d\s+\$5$/m);
    expect(overview.stdout).toMatch(/^all calls\s+\$0\.0000\d\d\s+-$/m);
    for (const output of [byKey, byUser, overview]) expect(output.stdout + output.stderr).not.toContain(key);
  });

  it("keys list shows the keys without them; keys revoke refuses the key's calls on a running gateway", async () => {
    const gateway = new ServeProcess(['serve', '--config', EXAMPLE_CONFIG, ...LOCAL], { cwd: dir.path });
    const url = await gateway.url;
    const key = (await cli('keys', 'create', '--user', 'demo-user', '--alias', 'ci-bot', '--team', 'search', '--duration', '30d')).stdout.trim();
    const tutorial = await cli('--config', EXAMPLE_CONFIG, '--generate_key', '--user_id', 'user1', '--rpm_limit', '5');
    expect(tutorial.code).toBe(0);

    const listed = await cli('keys', 'list');
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.stdout.trim().split('\n');
    expect(header).toMatch(/^token\s+key\s+alias\s+user\s+team\s+models\s+budget\s+rpm\s+tpm\s+parallel\s+spend\s+expires\s+blocked$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^[0-9a-f]{12}\s+sk-\.\.\.\S{4}\s+ci-bot\s+demo-user\s+search\s+all\s+-\s+-\s+-\s+-\s+\$0\.000000\s+\d{4}-\d\d-\d\dT\S+Z\s+no$/);
    expect(rows[1]).toMatch(/^[0-9a-f]{12}\s+sk-\.\.\.\S{4}\s+-\s+user1\s+-\s+all\s+-\s+5\s+/);
    expect(listed.stdout).not.toContain(key);
    expect((await cli('keys', 'list', '--user', 'user1')).stdout.trim().split('\n')).toHaveLength(2);

    const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: key, maxRetries: 0 });
    await openai.chat.completions.create({ model: 'chat', messages: hi });
    const revoked = await cli('keys', 'revoke', 'ci-bot');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked key sk-\.\.\.\S{4} \(token [0-9a-f]{12}\), alias ci-bot, user demo-user, team search\.$/m);
    // The gateway reads the database's change feed every 250 ms: the key is refused soon after (the bound ends a real hang).
    const refusal = await firstFailure(() => openai.chat.completions.create({ model: 'chat', messages: hi }), 30_000);
    expect(refusal).toBeInstanceOf(AuthenticationError);

    const again = await cli('keys', 'revoke', 'ci-bot');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("switchyard keys revoke: no key has this alias, value or token (see 'switchyard keys list')");
    expect(await gateway.stop()).toBe(0);
  });

  it('a team the key names is made when missing, and said so; a taken alias is an error', async () => {
    const first = await cli('keys', 'create', '--team', 'search', '--alias', 'one');
    expect(first.stderr).toContain("Team 'search' was not in the database: made with no budget nor limits");
    const second = await cli('keys', 'create', '--team', 'search', '--alias', 'one');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("switchyard keys create: --alias: key_alias 'one' is already used by another key");
    expect(second.stderr).not.toContain('Team');
  });

  it("keys create takes the file's key_settings entry of its alias as defaults, the flags over them", async () => {
    const config = join(dir.path, 'config.yaml');
    await writeFile(
      config,
      [
        'model_list:',
        '  - { model_name: chat, litellm_params: { model: mock/chat } }',
        'key_settings:',
        '  - { key_alias: laptop, user_id: ann, max_budget: 3, budget_duration: 1d, rpm_limit: 7 }',
        'general_settings: { master_key: sk-file-master-key }',
      ].join('\n'),
    );
    expect((await cli('keys', 'create', '--config', config, '--alias', 'laptop', '--rpm', '9')).code).toBe(0);
    const listed = await cli('keys', 'list', '--config', config);
    expect(listed.stdout).toMatch(/laptop\s+ann\s+-\s+all\s+\$3 \/ 1d\s+9\s/);
  });

  it('keys list, revoke and spend on a database not made yet say so (exit 1) and make none', async () => {
    for (const args of [['keys', 'list'], ['keys', 'revoke', 'x'], ['spend']]) {
      const result = await cli(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("no database at sqlite:./switchyard.db (the CLI's default) yet: 'switchyard serve' or 'switchyard keys create' makes it");
    }
    expect((await cli('keys', 'list')).code).toBe(1);
  });

  it('a database in memory is refused by the keys commands', async () => {
    const result = await runCli(['keys', 'create'], { cwd: dir.path, env: { DATABASE_URL: 'sqlite::memory:' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the database is SQLite in memory (DATABASE_URL): what this command writes would be gone when it ends');
  });
});
