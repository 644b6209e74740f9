/** An object holding itself in `self`, beside `fields`. */
export function circular(fields: Record<string, unknown> = { name: 'loop' }): Record<string, unknown> {
  const value: Record<string, unknown> = { ...fields };
  value.self = value;
  return value;
}

/** 'deep' wrapped `depth` times: in arrays (`[[['deep']]]`) or in objects (`{ inner: { inner: 'deep' } }`). */
export function nested(depth: number, wrap: 'array' | 'object'): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = wrap === 'array' ? [value] : { inner: value };
  return value;
}
