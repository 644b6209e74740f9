import type { CliIo } from './cli-io.js';
import { flagHelp, type CommandLine, type FlagAdvice, type FlagSpecs } from './flags.js';

/** One command of `switchyard`: its flags, its help, what it does. */
export interface Command {
  /** As typed after `switchyard`: `serve`, `keys create`. */
  readonly name: string;
  /** One line, for the list of commands. */
  readonly summary: string;
  /** What follows `switchyard <name>` in the usage line: `--config FILE [--port 8000]`. */
  readonly usage: string;
  /** Paragraphs after the flags: defaults, examples. */
  readonly details?: readonly string[];
  readonly flags: FlagSpecs;
  readonly positionals?: number;
  readonly advice?: FlagAdvice;
  /** Resolves with the process's exit code. */
  run(line: CommandLine, io: CliIo): Promise<number>;
}

export function commandHelp(command: Command): string {
  return [
    `Usage: switchyard ${command.name} ${command.usage}`,
    '',
    command.summary,
    '',
    'Flags:',
    ...flagHelp(command.flags),
    ...(command.details ?? []).flatMap((paragraph) => ['', paragraph]),
  ].join('\n');
}
