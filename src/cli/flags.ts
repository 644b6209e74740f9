import { parseArgs } from 'node:util';
import { usageError } from './cli-errors.js';

/** One flag a command takes. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** One letter: `-c`. */
  readonly short?: string;
  /** Other long spellings of the same flag, e.g. LiteLLM's `user_id` beside `user`. */
  readonly aliases?: readonly string[];
  /** The value's name in help: FILE, N, USD. */
  readonly value?: string;
  readonly help: string;
}

/** A command's flags by their own names (`budget-duration`, without the dashes). */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** Flags switchyard knows and does not take (LiteLLM's, typed from habit), each with what to do instead. */
export type FlagAdvice = Readonly<Record<string, string>>;

export interface CommandLine {
  /** By each flag's own name (an alias is stored under it): the last value given, `true` for a boolean flag. */
  readonly flags: Readonly<Record<string, string | true | undefined>>;
  readonly positionals: readonly string[];
}

export const HELP_FLAG: FlagSpec = { type: 'boolean', short: 'h', help: 'show this help' };

export interface ParseOptions {
  /** How many positional arguments the command takes; default none. */
  positionals?: number;
  advice?: FlagAdvice;
}

/** A value that is really the next flag: `--config --port 8000` gave `--config` no value. */
const looksLikeFlag = (value: string) => value.startsWith('-') && value.length > 1 && !/^-\d/.test(value);

/**
 * Reads `argv` against the command's flags (and `--help`). An unknown flag, a flag without its
 * value, a value given to a boolean flag or one positional too many is a usage error naming it.
 */
export function parseCommandLine(command: string, argv: readonly string[], specs: FlagSpecs, options: ParseOptions = {}): CommandLine {
  const all: FlagSpecs = { ...specs, help: HELP_FLAG };
  const spellings = new Map<string, string>();
  const parseOptions: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(all)) {
    for (const spelling of [name, ...(spec.aliases ?? [])]) {
      spellings.set(spelling, name);
      parseOptions[spelling] = { type: spec.type };
    }
    if (spec.short) parseOptions[name] = { type: spec.type, short: spec.short };
  }
  const { tokens } = parseArgs({ args: [...argv], options: parseOptions, strict: false, allowPositionals: true, tokens: true });
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const name = spellings.get(token.name);
    const advice = options.advice?.[token.name];
    if (advice !== undefined) throw usageError(command, `${token.rawName}: ${advice}`);
    if (name === undefined) throw usageError(command, `unknown flag ${token.rawName}`);
    const spec = all[name] as FlagSpec;
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw usageError(command, `${token.rawName} takes no value`);
      flags[name] = true;
    } else {
      const value = token.value;
      if (value === undefined || value === '' || (!token.inlineValue && looksLikeFlag(value))) {
        throw usageError(command, `${token.rawName} needs a value (${token.rawName} ${spec.value ?? 'VALUE'})`);
      }
      flags[name] = value;
    }
  }
  const allowed = options.positionals ?? 0;
  if (flags.help === undefined && positionals.length > allowed) {
    const extra = positionals.slice(allowed).map((value) => `'${value}'`);
    throw usageError(command, `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.join(' ')}`);
  }
  return { flags, positionals };
}

/** A whole number flag from `min` to `max` (default: no bound); undefined when not given. */
export function integerFlag(command: string, flag: string, value: string | true | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === true) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw usageError(command, `--${flag}: expected a whole number ${range}, got '${value}'`);
  }
  return number;
}

/** A number flag of 0 or more (an amount in USD); undefined when not given. */
export function amountFlag(command: string, flag: string, value: string | true | undefined): number | undefined {
  if (value === undefined || value === true) return undefined;
  const number = /^\d+(\.\d+)?$|^\.\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw usageError(command, `--${flag}: expected an amount of 0 or more such as 100 or 2.5, got '${value}'`);
  return number;
}

/** A string flag's value; undefined when not given. */
export function textFlag(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Help for the flags: one line each, their spellings aligned. */
export function flagHelp(specs: FlagSpecs): string[] {
  const rows = Object.entries({ ...specs, help: HELP_FLAG }).map(([name, spec]) => {
    const spellings = [spec.short ? `-${spec.short}, --${name}` : `--${name}`, ...(spec.aliases ?? []).map((alias) => `--${alias}`)].join(', ');
    return [spec.type === 'string' ? `${spellings} ${spec.value ?? 'VALUE'}` : spellings, spec.help] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`);
}
