import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli, workDirectory } from './cli-process.js';

let dir: Awaited<ReturnType<typeof workDirectory>>;
beforeAll(async () => {
  dir = await workDirectory('usage');
});
afterAll(() => dir.remove());

const cli = (...args: string[]) => runCli(args, { cwd: dir.path });

describe.concurrent('switchyard --help, bad flags and bad commands', { timeout: 120_000 }, () => {
  it('--help lists the commands and exits 0; no command at all exits 2 with the same help', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of ['serve', 'check', 'keys create', 'keys list', 'keys revoke', 'spend'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: switchyard <command> [flags]');
  });

  it.each([
    [
      ['serve', '--help'],
      'Usage: switchyard serve --config FILE [--port 8000] [--host 0.0.0.0] [--log-json]',
      '--log-json, --json_logs, --detailed_debug, --debug',
    ],
    [['check', '-h'], 'Usage: switchyard check --config FILE', '-c, --config FILE'],
    [['keys', 'create', '--help'], 'Usage: switchyard keys create [--config FILE] [--user USER]', '--budget-duration, --budget_duration 30d'],
    [['keys', 'list', '--help'], 'Usage: switchyard keys list [--config FILE] [--user USER] [--team TEAM]', '--team, --team_id TEAM'],
    [['keys', 'revoke', '--help'], 'Usage: switchyard keys revoke [--config FILE] KEY_OR_ALIAS', 'the start of its token'],
    [['spend', '--help'], 'Usage: switchyard spend [--config FILE] [--user USER | --team TEAM | --key KEY_OR_ALIAS]', '--key, --api_key KEY_OR_ALIAS'],
    [['help', 'spend'], 'Usage: switchyard spend', '-h, --help'],
    [['keys', '--help'], 'Usage: switchyard keys <command> [flags]', 'keys revoke'],
  ])('%j prints its help and exits 0', async (args, usage, flag) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.startsWith(usage)).toBe(true);
    expect(stdout).toContain(flag);
  });

  it.each([
    [['frob'], "switchyard: unknown command 'frob'; the commands are: serve, check, keys, spend\nSee 'switchyard --help'."],
    [['keys', 'rotate'], "switchyard keys: unknown command 'rotate'; the commands are: create, list, revoke\nSee 'switchyard keys --help'."],
    [['serve', '--config', EXAMPLE_CONFIG, '--bogus'], "switchyard serve: unknown flag --bogus\nSee 'switchyard serve --help'."],
    [['check', '--config'], "switchyard check: --config needs a value (--config FILE)\nSee 'switchyard check --help'."],
    [['serve', '--config', '--port', '8000'], "switchyard serve: --config needs a value (--config FILE)\nSee 'switchyard serve --help'."],
    [['serve', '--config', EXAMPLE_CONFIG, '--port', 'eighty'], "switchyard serve: --port: expected a whole number from 0 to 65535, got 'eighty'"],
    [['serve', '--config', EXAMPLE_CONFIG, '--log-json=yes'], 'switchyard serve: --log-json takes no value'],
    [['serve', '--config', EXAMPLE_CONFIG, 'extra'], "switchyard serve: unexpected argument 'extra'"],
    [['serve', '--port', '8000'], 'switchyard serve: --config FILE is required'],
    [['--config', EXAMPLE_CONFIG, '--num_workers', '4'], 'switchyard serve: --num_workers: switchyard serve runs one process. For more, run replicas'],
    [['serve', '--ssl_keyfile_path', 'k.pem'], 'switchyard serve: --ssl_keyfile_path: switchyard serve speaks plain HTTP: end TLS in front of it'],
    [['keys', 'create', '--budget', 'lots'], "switchyard keys create: --budget: expected an amount of 0 or more such as 100 or 2.5, got 'lots'"],
    [['keys', 'create', '--rpm', '0'], "switchyard keys create: --rpm: expected a whole number of at least 1, got '0'"],
    [['keys', 'create', '--budget-duration', 'fortnight'], 'switchyard keys create: --budget-duration: expected a period of whole minutes'],
    [
      ['keys', 'create', '--config', EXAMPLE_CONFIG, '--models', 'chat,gpt-5'],
      "switchyard keys create: --models: no model group 'gpt-5' in the config; it has: chat, smart, embed",
    ],
    [['keys', 'revoke'], 'switchyard keys revoke: name the key to revoke'],
    [['spend', '--user', 'a', '--team', 'b'], 'switchyard spend: give at most one of --user, --team and --key'],
  ])('%j is a usage error naming what is wrong (exit 2)', async (args, message) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(stdout).toBe('');
    expect(stderr.startsWith(message)).toBe(true);
    expect(code).toBe(2);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await cli('--version');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
