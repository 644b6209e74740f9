import type { z } from 'zod';
import type { ConfigIssue } from '../errors/router-side-errors.js';
import { closestName } from './closest-name.js';
import { describeValue, shortened } from './describe-value.js';

/** Fields whose values are never echoed back in a message. */
const SECRET_FIELDS = new Set(['apiKey', 'headers', 'params']);

/** Where an issue is, as `deployments[0].baseUrl`; a key name from the input is shortened, as it may be any length. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${shortened(String(key))}` : shortened(String(key));
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const key of path) {
    const def = (current as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'array' && typeof key === 'number') current = def.element;
    else if (def?.type === 'object' && typeof key === 'string') current = def.shape?.[key];
    else return [];
    while ((current as { def?: { type?: string; innerType?: unknown } })?.def?.type === 'optional') {
      current = (current as { def: { innerType: unknown } }).def.innerType;
    }
  }
  const def = (current as { def?: { type?: string; shape?: Record<string, unknown> } })?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** zod issues as messages a person can act on: where, what is expected, what was given. */
export function formatZodIssues(error: z.ZodError, input: unknown, schema: z.ZodType): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = closestName(key, known);
        issues.push({
          path: formatPath([...issue.path, key]),
          message: `unknown field${suggestion ? `; did you mean '${suggestion}'?` : '.'}${known.length ? ` Known fields: ${known.join(', ')}` : ''}`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    const secret = issue.path.some((key) => typeof key === 'string' && SECRET_FIELDS.has(key));
    let message = issue.message;
    if (value === undefined) message = `is required: ${message}`;
    else if (!secret && issue.code !== 'custom') message = `${message}, got ${describeValue(value)}`;
    issues.push({ path: formatPath(issue.path), message });
  }
  return issues;
}
