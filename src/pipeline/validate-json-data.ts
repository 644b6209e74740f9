import { describeValue } from '../config/describe-value.js';

/** Deeper than any request a provider takes; a circular value reaches it too, and is then told apart. */
const MAX_JSON_DEPTH = 100;
/** Objects and arrays in one value, each shared one counted wherever it appears (as JSON would write it out). */
const MAX_JSON_OBJECTS = 1_000_000;

/** Where a value cannot be sent as JSON: the keys from the root, and what is wrong there. */
interface JsonFault {
  readonly path: Array<string | number>;
  readonly problem: string;
  readonly tooDeep: boolean;
}

interface Walk {
  objects: number;
}

const fault = (problem: string, tooDeep = false): JsonFault => ({ path: [], problem, tooDeep });

function problemOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'bigint':
      return `expected a number, got ${describeValue(value)}: JSON has no BigInt, pass Number(value)`;
    case 'symbol':
    case 'function':
      return `expected JSON data, got ${describeValue(value)}`;
    case 'number':
      return Number.isFinite(value) ? undefined : `expected a finite number, got ${describeValue(value)}`;
    default:
      return undefined;
  }
}

/** Depth first, allocating nothing per value unless something is wrong: the path is built on the way back up. */
function walk(value: unknown, depth: number, state: Walk): JsonFault | undefined {
  if (typeof value !== 'object' || value === null) {
    const problem = problemOf(value);
    return problem === undefined ? undefined : fault(problem);
  }
  if (depth >= MAX_JSON_DEPTH) return fault(`nested more than ${MAX_JSON_DEPTH} levels deep`, true);
  if (++state.objects > MAX_JSON_OBJECTS) return fault(`holds more than ${MAX_JSON_OBJECTS.toLocaleString('en')} objects and arrays`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], depth + 1, state);
      if (found) {
        found.path.unshift(i);
        return found;
      }
    }
    return undefined;
  }
  for (const key in value) {
    const found = walk((value as Record<string, unknown>)[key], depth + 1, state);
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return undefined;
}

/** The first place along `path` where a value holds itself again: the length of the path to it, and of the path it repeats. */
function cycleOn(root: unknown, path: ReadonlyArray<string | number>): { at: number; repeats: number } | undefined {
  const seen = new Map<unknown, number>([[root, 0]]);
  let value = root;
  for (let i = 0; i < path.length; i++) {
    value = (value as Record<string | number, unknown>)[path[i] as string | number];
    const earlier = seen.get(value);
    if (earlier !== undefined) return { at: i + 1, repeats: earlier };
    seen.set(value, i + 1);
  }
  return undefined;
}

/** `['messages', 0, 'content']` under `base` as `base.messages[0].content`. */
function formatJsonPath(base: string, path: ReadonlyArray<string | number>): string {
  let out = base;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out;
}

/**
 * What in `value` (found at `base`) could not be sent as JSON, or would take too long to: a
 * BigInt, a symbol or function, a number that is not finite, a circular structure, nesting
 * deeper than {@link MAX_JSON_DEPTH}, more than {@link MAX_JSON_OBJECTS} objects. Undefined
 * fields are fine (JSON leaves them out); objects of any class are walked by their
 * enumerable fields. The fault's `param` is its full path.
 */
export function jsonFault(value: unknown, base: string): { param: string; problem: string } | undefined {
  const found = walk(value, 0, { objects: 0 });
  if (!found) return undefined;
  const cycle = found.tooDeep ? cycleOn(value, found.path) : undefined;
  if (!cycle) return { param: formatJsonPath(base, found.path), problem: found.problem };
  const repeated = formatJsonPath(base, found.path.slice(0, cycle.repeats)) || 'the whole value';
  return { param: formatJsonPath(base, found.path.slice(0, cycle.at)), problem: `refers back to ${repeated}: a circular structure cannot be sent as JSON` };
}
