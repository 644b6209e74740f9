import * as z from 'zod';
import { childPath, gotValue, itemPath, type ConfigReport } from './config-report.js';

/**
 * Values as a config file holds them. A number or a boolean read from the environment
 * (`rpm: os.environ/RPM`) arrives as a string, so numeric and true/false strings count as such.
 */
const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const asNumber = (value: unknown) => (typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value);
/** YAML 1.1's words too: LiteLLM's files are read by PyYAML, where `cache: yes` is true. */
const TRUE = /^(true|yes|on)$/i;
const FALSE = /^(false|no|off)$/i;
const asBoolean = (value: unknown) => (typeof value !== 'string' ? value : TRUE.test(value.trim()) ? true : FALSE.test(value.trim()) ? false : value);

export const number = (error: string) => z.preprocess(asNumber, z.number({ error }).refine(Number.isFinite, { error }));

export const positiveInteger = () => {
  const error = 'expected a positive integer';
  return z.preprocess(asNumber, z.number({ error }).int({ error }).positive({ error }).max(Number.MAX_SAFE_INTEGER, { error }));
};

export const nonNegativeInteger = () => {
  const error = 'expected an integer of 0 or more';
  return z.preprocess(asNumber, z.number({ error }).int({ error }).nonnegative({ error }).max(Number.MAX_SAFE_INTEGER, { error }));
};

export const nonNegativeNumber = (error = 'expected a number of 0 or more') => number(error).refine((value) => value >= 0, { error });

/** A fraction above 0 and at most 1 (a similarity threshold). */
export const fraction = () => {
  const error = 'expected a number above 0 and at most 1, e.g. 0.95';
  return number(error).refine((value) => value > 0 && value <= 1, { error });
};

/** Seconds, as LiteLLM writes times; read as whole milliseconds (at least 1). */
export const seconds = (example = '30') => {
  const error = `expected a number of seconds above 0, e.g. ${example}`;
  return number(error)
    .refine((value) => value > 0, { error })
    .transform((value) => Math.max(1, Math.round(value * 1000)));
};

export const boolean = () => z.preprocess(asBoolean, z.boolean({ error: 'expected true or false' }));

export const nonEmptyString = (error = 'expected a non-empty string') => z.string({ error }).min(1, { error });

/** A list of names; one name alone counts as a list of one. */
export const nameList = (error = 'expected a list of names') =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(nonEmptyString(error), { error }));

export const stringMap = () =>
  z.record(z.string(), z.preprocess(asText, z.string({ error: 'expected a string value' })), { error: 'expected a mapping of names to strings' });

/** A number or boolean where a string is expected is taken as its text (YAML reads `api_version: 2024` as a number). */
function asText(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

export const text = (error = 'expected a string') => z.preprocess(asText, nonEmptyString(error));

function issuePath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) out = typeof key === 'number' ? itemPath(out, key) : childPath(out, String(key));
  return out;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The value parsed by `schema`, or undefined after reporting each problem at its path (the value shown only where it may be). */
export function checked<T>(schema: z.ZodType<T>, value: unknown, path: string, report: ConfigReport): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const at = issuePath(path, issue.path);
    const given = valueAt(value, issue.path);
    report.error(at, given === undefined ? `is required: ${issue.message}` : `${issue.message}${gotValue(at, given)}`);
  }
  return undefined;
}
