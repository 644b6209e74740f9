import { inspect, type InspectOptions } from 'node:util';
import { redactSecrets } from './redact-secret.js';

/** Nesting followed into causes and their fields; an object deeper is not looked into but cut (it may hold anything). */
const MAX_DEPTH = 16;
const TOO_DEEP = `[nested deeper than ${MAX_DEPTH} levels]`;

/** Everything inspection can print of a value, hidden fields and causes included, without calling getters. */
const SHOW_ALL: InspectOptions = {
  depth: MAX_DEPTH,
  showHidden: true,
  getters: false,
  maxArrayLength: Infinity,
  maxStringLength: Infinity,
  breakLength: Infinity,
};

/** Values copied field by field; anything else (a URL, a Map, a class instance) is kept, or cut to its redacted text when it shows a secret. */
function copiable(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || value instanceof Error || proto === Object.prototype || proto === null;
}

/** An error's stack when it is not a field of its own (newer V8 keeps it behind an accessor): what every logger prints. */
function stackBesideFields(value: object): string | undefined {
  if (!(value instanceof Error) || Object.getOwnPropertyDescriptor(value, 'stack')?.value !== undefined) return undefined;
  return typeof value.stack === 'string' ? value.stack : undefined;
}

function showsSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((secret) => text.includes(secret));
}

/** Whether any string reachable from `value` (fields hidden or not, causes, nested objects) holds a secret. */
function holdsSecret(value: unknown, secrets: readonly string[], seen: Set<object>, depth: number): boolean {
  if (typeof value === 'string') return showsSecret(value, secrets);
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  if (depth >= MAX_DEPTH) return true;
  seen.add(value);
  if (!copiable(value)) return showsSecret(inspect(value, SHOW_ALL), secrets);
  if (showsSecret(stackBesideFields(value) ?? '', secrets)) return true;
  for (const key of Reflect.ownKeys(value)) {
    const field = Object.getOwnPropertyDescriptor(value, key);
    if (field && 'value' in field && holdsSecret(field.value, secrets, seen, depth + 1)) return true;
  }
  return false;
}

function redactedCopy(value: unknown, secrets: readonly string[], copies: Map<object, unknown>, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (copies.has(value)) return copies.get(value);
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (!copiable(value)) {
    const text = inspect(value, SHOW_ALL);
    return showsSecret(text, secrets) ? redactSecrets(text, secrets) : value;
  }
  const copy: object = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null);
  copies.set(value, copy);
  for (const key of Reflect.ownKeys(value)) {
    const field = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
    // A getter is not called: what it would return is not known to be free of secrets.
    if ('value' in field) Object.defineProperty(copy, key, { ...field, value: redactedCopy(field.value, secrets, copies, depth + 1) });
  }
  const stack = stackBesideFields(value);
  if (stack !== undefined)
    Object.defineProperty(copy, 'stack', { value: redactSecrets(stack, secrets), writable: true, enumerable: false, configurable: true });
  return copy;
}

/**
 * `value` with every secret replaced by `[redacted]` wherever it sits: an error's message and
 * stack, its other fields (a `TypeError: Invalid URL` keeps the URL in `input`), its cause
 * chain and their fields, nested objects and arrays, hidden fields too. Returned as is when it
 * holds none; otherwise a copy, each error keeping its class. Cycle-safe; objects nested past
 * 16 levels are cut, and objects that are not plain (a URL, a Map) become their redacted text when they show a secret.
 */
export function withoutSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || !holdsSecret(value, secrets, new Set(), 0)) return value;
  return redactedCopy(value, secrets, new Map(), 0) as T;
}
