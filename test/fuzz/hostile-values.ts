import fc from 'fast-check';

/**
 * A value a caller or a config could hand the router, made fresh for each use (a circular
 * or 3,000-deep value is built when the case runs, and printed by its label in a
 * counterexample, never walked by the reporter).
 */
export interface Hostile {
  readonly label: string;
  make(): unknown;
}

function hostile(label: string, make: () => unknown): Hostile {
  return { label, make, [fc.toStringMethod]: () => label } as Hostile;
}

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

function circularObject(): unknown {
  const value: Record<string, unknown> = { type: 'text', text: 'hi' };
  value.self = value;
  return value;
}

function circularArray(): unknown {
  const value: unknown[] = ['hi'];
  value.push(value);
  return value;
}

/** Bytes of every value, repeatable: the same string on every run. */
function noiseText(length: number): string {
  let state = 1313;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += String.fromCharCode(state % 0xd800);
  }
  return text;
}

function nullPrototype(fields: Record<string, unknown>): unknown {
  return Object.assign(Object.create(null) as object, fields);
}

/** Names that are properties of every plain object: a user string used as a bare key finds these. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

/** The values the fuzz found crashing, stalling or poisoning the router, and their neighbours. */
const HOSTILE: readonly Hostile[] = [
  ...[NaN, Infinity, -Infinity, -1, -0, 0, 0.5, 1e308, 2 ** 53 + 2, -(2 ** 31)].map((n) => hostile(Object.is(n, -0) ? '-0' : String(n), () => n)),
  hostile('10n', () => 10n),
  hostile('Symbol()', () => Symbol('hostile')),
  hostile('null-prototype object', () => Object.create(null)),
  hostile('null-prototype text part', () => nullPrototype({ type: 'text', text: 'hi' })),
  hostile('circular object', circularObject),
  hostile('circular array', circularArray),
  // eslint-disable-next-line no-sparse-arrays
  hostile('sparse array [, "hi"]', () => [, 'hi']),
  hostile('new Array(3)', () => new Array(3)),
  hostile('array nested 3,000 deep', () => nested(3_000, (inner) => [inner])),
  hostile('object nested 3,000 deep', () => nested(3_000, (inner) => ({ inner }))),
  hostile("'a' × 100,000", () => 'a'.repeat(100_000)),
  hostile("'a' × 1,000,000", () => 'a'.repeat(1_000_000)),
  hostile('emoji × 50,000', () => '😀'.repeat(50_000)),
  hostile('noise × 100,000', () => noiseText(100_000)),
  ...PROTOTYPE_NAMES.map((name) => hostile(`'${name}'`, () => name)),
  hostile('own __proto__ and constructor keys', () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}')),
  ...['', ' ', '\u0000', '\uD800', 'batch'].map((text) => hostile(JSON.stringify(text), () => text)),
  ...[null, undefined, true, false].map((value) => hostile(String(value), () => value)),
  hostile('{}', () => ({})),
  hostile('{ value: null }', () => ({ value: null })),
  hostile('[]', () => []),
  hostile('[null]', () => [null]),
  hostile('[undefined]', () => [undefined]),
  hostile('[{}]', () => [{}]),
  hostile("['a']", () => ['a']),
  hostile("[['a']]", () => [['a']]),
  hostile('a function', () => () => 'x'),
  hostile('a Date', () => new Date(0)),
  hostile('a Map', () => new Map([['a', 1]])),
  hostile('a Set', () => new Set(['a'])),
  hostile('a Promise', () => Promise.resolve('x')),
  hostile("new String('hi')", () => new String('hi')),
  hostile('a Uint8Array', () => new Uint8Array([1, 2])),
  hostile('an Error', () => new Error('not a value')),
];

const anythingAtAll = fc
  .anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  })
  .map((value) => hostile(fc.stringify(value), () => value));

/** A hostile value: mostly the known troublemakers, else anything fast-check can build. */
export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof({ arbitrary: fc.constantFrom(...HOSTILE), weight: 3 }, { arbitrary: anythingAtAll, weight: 1 });

/** A path into a value, and what to put there. */
export interface Mutation {
  path: readonly (string | number)[];
  value: Hostile;
}

/** One to three mutations at `paths`. */
export function mutations(paths: readonly (readonly (string | number)[])[], value: fc.Arbitrary<Hostile> = hostileValue): fc.Arbitrary<Mutation[]> {
  return fc.array(fc.record({ path: fc.constantFrom(...paths), value }), { minLength: 1, maxLength: 3 });
}

/**
 * `base` with each mutation applied: the value put at its path as an own property (an own
 * `__proto__` key, as JSON.parse makes one). A path through something no longer an object
 * (an earlier mutation replaced it), or a property that cannot change (an index of a boxed
 * string), is skipped.
 */
export function mutate(base: unknown, applied: readonly Mutation[]): unknown {
  let root = base;
  for (const { path, value } of applied) {
    if (path.length === 0) {
      root = value.make();
      continue;
    }
    let parent = root;
    for (const key of path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined;
    if (typeof parent !== 'object' || parent === null) continue;
    Reflect.defineProperty(parent, path[path.length - 1] as string | number, { value: value.make(), enumerable: true, writable: true, configurable: true });
  }
  return root;
}
