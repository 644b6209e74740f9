const SHOWN_CHARACTERS = 40;

/** A caller's string as a message shows it (a value, a key name, a model name): at most 40 characters, so no input makes a message long. */
export const shortened = (text: string) => (text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text);

/**
 * A value as an error message shows it: short strings and numbers as given, anything else
 * by its kind. Safe for any value at all (a symbol, a BigInt, an object without a prototype
 * or a `toString`, a circular one), since it runs on what callers got wrong.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(shortened(value));
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${shortened(value.toString())}n (a BigInt)`;
    case 'symbol':
      return `a symbol (${shortened(value.description ?? '')})`;
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}
