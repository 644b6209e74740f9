/** A command that cannot go on: its message is printed after `switchyard <command>: `, and the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2: the command line is wrong (usage); 1: the command ran and failed. */
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line is wrong: an unknown flag or command, a missing or bad value. Exit code 2, as is customary. */
export function usageError(command: string, message: string): CliError {
  return new CliError(`${message}\nSee 'switchyard ${command} --help'.`, 2);
}

/** The command ran and could not do its work. Exit code 1. */
export function failure(message: string): CliError {
  return new CliError(message, 1);
}
