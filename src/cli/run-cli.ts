import { ConfigError } from '../errors/router-side-errors.js';
import { DatabaseUnavailableError } from '../server/db/database-errors.js';
import { checkCommand } from './check/check-command.js';
import { CliError } from './cli-errors.js';
import type { CliIo } from './cli-io.js';
import { commandHelp, type Command } from './command.js';
import { parseCommandLine } from './flags.js';
import { keysCreate, keysList, keysRevoke } from './keys/keys-commands.js';
import { serveCommand } from './serve/serve-command.js';
import { spendCommand } from './spend/spend-command.js';

const KEYS_COMMANDS: readonly Command[] = [keysCreate, keysList, keysRevoke];
const COMMANDS: readonly Command[] = [serveCommand, checkCommand, ...KEYS_COMMANDS, spendCommand];

/** LiteLLM's tutorial form `--generate_key --user_id user1`, as `keys create`. */
const GENERATE_KEY = '--generate_key';

function listing(commands: readonly Command[]): string[] {
  const width = Math.max(...commands.map((command) => command.name.length));
  return commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
}

const TOP_HELP = [
  'Usage: switchyard <command> [flags]',
  '',
  "switchyard's gateway from a LiteLLM-style config file, and its keys and spend from the shell.",
  '',
  'Commands:',
  ...listing(COMMANDS),
  '',
  "'switchyard <command> --help' shows a command's flags. LiteLLM's forms work too:",
  '  switchyard --config config.yaml --port 8000                      (serve)',
  '  switchyard --config config.yaml --generate_key --user_id user1   (keys create)',
  '',
  'First steps: npx switchyard serve --config examples/gateway.yaml',
].join('\n');

const KEYS_HELP = ['Usage: switchyard keys <command> [flags]', '', 'Commands:', ...listing(KEYS_COMMANDS)].join('\n');

type Resolved = { command: Command; args: readonly string[] } | { exitCode: number };

function unknownCommand(io: CliIo, where: string, name: string, commands: readonly string[]): Resolved {
  io.err(`${where}: unknown command '${name}'; the commands are: ${commands.join(', ')}\nSee '${where} --help'.`);
  return { exitCode: 2 };
}

function resolveKeys(args: readonly string[], io: CliIo): Resolved {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h') return (io.out(KEYS_HELP), { exitCode: 0 });
  if (name === undefined) return (io.err(`switchyard keys: name a command\n\n${KEYS_HELP}`), { exitCode: 2 });
  const command = KEYS_COMMANDS.find((c) => c.name === `keys ${name}`);
  return command ? { command, args: rest } : unknownCommand(io, 'switchyard keys', name, ['create', 'list', 'revoke']);
}

function resolve(argv: readonly string[], io: CliIo, version: () => string): Resolved {
  const [first, ...rest] = argv;
  if (first === undefined) return (io.err(TOP_HELP), { exitCode: 2 });
  if (first === '--help' || first === '-h') return (io.out(TOP_HELP), { exitCode: 0 });
  if (first === '--version' || first === '-v') return (io.out(version()), { exitCode: 0 });
  if (first === 'help') return rest.length === 0 ? (io.out(TOP_HELP), { exitCode: 0 }) : resolve([...rest, '--help'], io, version);
  if (first.startsWith('-')) {
    if (argv.includes(GENERATE_KEY)) return { command: keysCreate, args: argv.filter((arg) => arg !== GENERATE_KEY) };
    return { command: serveCommand, args: argv };
  }
  if (first === 'keys') return resolveKeys(rest, io);
  const command = COMMANDS.find((c) => c.name === first);
  return command ? { command, args: rest } : unknownCommand(io, 'switchyard', first, ['serve', 'check', 'keys', 'spend']);
}

/** Errors of the code itself rather than of the file, the database or the network: their stack says where. */
const FAULTS = [TypeError, ReferenceError, RangeError, SyntaxError];

/** The message for an error a command ended with: its own words (a Redis or database that cannot be reached, a bad file), the stack for a fault. */
function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) return { message: error.message, exitCode: 1 };
  if (FAULTS.some((fault) => error instanceof fault)) return { message: (error as Error).stack ?? String(error), exitCode: 1 };
  return { message: error instanceof Error ? error.message : String(error), exitCode: 1 };
}

/** Runs `switchyard` with these arguments; resolves with the exit code (2 for a wrong command line, 1 for a failure). */
export async function runCli(argv: readonly string[], io: CliIo, version: () => string): Promise<number> {
  const resolved = resolve(argv, io, version);
  if ('exitCode' in resolved) return resolved.exitCode;
  const { command, args } = resolved;
  try {
    const line = parseCommandLine(command.name, args, command.flags, { positionals: command.positionals, advice: command.advice });
    if (line.flags.help === true) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(line, io);
  } catch (error) {
    const { message, exitCode } = describeFailure(error);
    io.err(`switchyard ${command.name}: ${message}`);
    return exitCode;
  }
}
