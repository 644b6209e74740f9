/** Every string reachable through a value's own fields, hidden and symbol-keyed ones too (an error's message, stack, cause), however deep. */
export function reachableStrings(root: unknown): string[] {
  const strings: string[] = [];
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') strings.push(value);
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const field = Object.getOwnPropertyDescriptor(value, key);
      if (field && 'value' in field) pending.push(field.value);
    }
  }
  return strings;
}
