import { closestName } from '../config/closest-name.js';
import { describeValue, shortened } from '../config/describe-value.js';
import type { CompletionOptions } from './completion-options.js';
import { rejectOption } from './invalid-input.js';
import { isRecord, isStringArray } from './is-record.js';
import { jsonFault } from './validate-json-data.js';

/** Throws when `value` (never undefined) is wrong for the option at `path`. */
type OptionCheck = (value: unknown, path: string) => void;

/** `name`, a caller's key inside `parent` (empty: the options themselves), is shown shortened, as a key may be any length. */
function unknownName(parent: string, name: string, known: readonly string[], what: string): never {
  const suggestion = closestName(name, known);
  rejectOption(
    parent ? `${parent}.${shortened(name)}` : shortened(name),
    `unknown ${what}${suggestion ? `; did you mean '${suggestion}'?` : '.'} Known ${what}s: ${known.join(', ')}`,
  );
}

const expecting =
  (test: (value: unknown) => boolean, expected: string, echo = true): OptionCheck =>
  (value, path) => {
    if (!test(value)) rejectOption(path, `expected ${expected}${echo ? `, got ${describeValue(value)}` : ''}`);
  };

const isString = (value: unknown) => typeof value === 'string';
const isWholeAtLeast = (least: number) => (value: unknown) => Number.isInteger(value) && (value as number) >= least;

// An empty id would be spent and limited under a name `router.spend` cannot be asked about.
const nonEmptyId =
  (isStringId: OptionCheck): OptionCheck =>
  (value, path) => {
    isStringId(value, path);
    if (value === '') rejectOption(path, 'expected a non-empty string id, got ""');
  };
const callerId = nonEmptyId(expecting(isString, 'a string id'));
const stringList = expecting(isStringArray, "an array of strings, e.g. ['batch']");
const tagList: OptionCheck = (value, path) => {
  stringList(value, path);
  const empty = (value as string[]).indexOf('');
  if (empty !== -1) rejectOption(`${path}[${empty}]`, 'expected a non-empty tag, got ""');
};
const boolean = expecting((value) => typeof value === 'boolean', 'true or false');
const positiveMs = expecting(isWholeAtLeast(1), 'a positive integer of milliseconds');
const retryCount = expecting(isWholeAtLeast(0), 'an integer of 0 or more');

const RETRY_FIELDS = new Map<string, OptionCheck>([
  ['max', retryCount],
  ['minDelayMs', retryCount],
  ['maxDelayMs', retryCount],
  ['maxRetryAfterMs', retryCount],
  [
    'byError',
    (value, path) => {
      if (!isRecord(value)) rejectOption(path, `expected { ErrorClassName: retries }, got ${describeValue(value)}`);
      for (const kind in value) retryCount(value[kind], `${path}.${shortened(kind)}`);
    },
  ],
]);
const RETRY_FIELD_NAMES = [...RETRY_FIELDS.keys()];

function checkRetries(value: unknown, path: string): void {
  if (typeof value === 'number') return retryCount(value, path);
  if (!isRecord(value)) rejectOption(path, `expected a number of retries or { ${RETRY_FIELD_NAMES.join(', ')} }, got ${describeValue(value)}`);
  for (const field in value) {
    const check = RETRY_FIELDS.get(field);
    if (check === undefined) unknownName(path, field, RETRY_FIELD_NAMES, 'field');
    if (value[field] !== undefined) check(value[field], `${path}.${field}`);
  }
}

const CACHE_FIELDS = new Map<string, OptionCheck>([
  ['noCache', boolean],
  ['noStore', boolean],
  ['ttlMs', positiveMs],
  ['namespace', expecting(isString, 'a string')],
]);
const CACHE_FIELD_NAMES = [...CACHE_FIELDS.keys()];

function checkCache(value: unknown, path: string): void {
  if (!isRecord(value)) rejectOption(path, `expected { ${CACHE_FIELD_NAMES.join(', ')} }, got ${describeValue(value)}`);
  for (const field in value) {
    const check = CACHE_FIELDS.get(field);
    if (check === undefined) unknownName(path, field, CACHE_FIELD_NAMES, 'field');
    if (value[field] !== undefined) check(value[field], `${path}.${field}`);
  }
}

/** One check per option: the compiler insists every field of CompletionOptions has one, so this is the list of known options. */
const OPTION_CHECKS: Record<keyof CompletionOptions, OptionCheck> = {
  signal: expecting((value) => value instanceof AbortSignal, 'an AbortSignal, e.g. AbortSignal.timeout(5000)'),
  timeoutMs: positiveMs,
  deadlineMs: positiveMs,
  streamIdleTimeoutMs: positiveMs,
  maxWaitMs: expecting(isWholeAtLeast(0), 'a non-negative integer of milliseconds'),
  user: callerId,
  team: callerId,
  apiKeyId: nonEmptyId(expecting(isString, 'a string id', false)),
  sessionId: callerId,
  tags: tagList,
  metadata: (value, path) => {
    if (!isRecord(value)) rejectOption(path, `expected a plain object, e.g. { ticket: 'T-1' }, got ${describeValue(value)}`);
    const fault = jsonFault(value, path);
    if (fault) rejectOption(fault.param, fault.problem);
  },
  retries: checkRetries,
  fallbacks: expecting(isStringArray, "an array of model names, e.g. ['gpt-4o-mini']"),
  noFallbacks: boolean,
  midStreamFallback: boolean,
  cache: checkCache,
};

const CHECKS = new Map<string, OptionCheck>(Object.entries(OPTION_CHECKS));
const OPTION_NAMES = [...CHECKS.keys()];

/** The second argument of `completion`: every field known and of its type; no options at all costs one empty loop. */
export function validateOptions(options: unknown): void {
  if (!isRecord(options)) rejectOption('', `expected an object such as { user: 'alice' }, got ${describeValue(options)}`);
  for (const name in options) {
    const check = CHECKS.get(name);
    if (check === undefined) unknownName('', name, OPTION_NAMES, 'option');
    const value = options[name];
    if (value !== undefined) check(value, name);
  }
}
