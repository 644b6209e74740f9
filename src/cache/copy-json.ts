/**
 * A deep copy of JSON data (plain objects, arrays, primitives; undefined fields left out, as
 * JSON does): what a cached answer is. Faster than structuredClone or a JSON round trip.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    // As JSON: an undefined field is left out.
    if (field !== undefined) copy[key] = copyJson(field);
  }
  return copy as T;
}
