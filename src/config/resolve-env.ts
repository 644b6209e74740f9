import type { ConfigIssue } from '../errors/router-side-errors.js';

const WHOLE_ENV_REFERENCE = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;
const INLINE_ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Deeper than any config needs; a circular value reaches it too, and is then told apart. */
const MAX_CONFIG_DEPTH = 64;

/**
 * Replaces environment references in every string of a config value, the forms LiteLLM
 * configs use: a whole string `os.environ/NAME`, or `${NAME}` anywhere in a string.
 * A missing variable is an issue at that path; the value itself is never reported. So is a
 * circular value or one nested too deep, left out of the result so nothing after walks it.
 */
export function resolveEnvReferences(value: unknown, path: string, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): unknown {
  return resolveWithin(value, path, env, issues, new Map());
}

/** Arrays and plain objects (with or without a prototype) are walked; instances of classes are left as given. */
function isPlainData(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function resolveWithin(value: unknown, path: string, env: NodeJS.ProcessEnv, issues: ConfigIssue[], ancestors: Map<object, string>): unknown {
  if (typeof value === 'string') return resolveString(value, path, env, issues);
  if (!isPlainData(value)) return value;
  const repeated = ancestors.get(value);
  if (repeated !== undefined) {
    issues.push({ path, message: `refers back to ${repeated}: a circular structure; give it a copy instead` });
    return undefined;
  }
  if (ancestors.size >= MAX_CONFIG_DEPTH) {
    issues.push({ path, message: `nested more than ${MAX_CONFIG_DEPTH} levels deep` });
    return undefined;
  }
  ancestors.set(value, path);
  // fromEntries keeps an own `__proto__` key (JSON.parse makes them) a field, where assigning it would set the prototype.
  const out = Array.isArray(value)
    ? value.map((item, i) => resolveWithin(item, `${path}[${i}]`, env, issues, ancestors))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveWithin(item, `${path}.${key}`, env, issues, ancestors)]));
  ancestors.delete(value);
  return out;
}

function resolveString(value: string, path: string, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): string {
  const whole = WHOLE_ENV_REFERENCE.exec(value);
  if (whole) return lookup(whole[1] as string, path, env, issues);
  if (!value.includes('${')) return value;
  return value.replace(INLINE_ENV_REFERENCE, (_match, name: string) => lookup(name, path, env, issues));
}

function lookup(name: string, path: string, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): string {
  // An own key only: `os.environ/toString` names a variable, not Object.prototype's method.
  const found = Object.hasOwn(env, name) ? env[name] : undefined;
  if (found === undefined || found === '') {
    issues.push({ path, message: `environment variable ${name} is not set (referenced as os.environ/${name} or \${${name}})` });
    return '';
  }
  return found;
}

/**
 * Whether the config at `path` holds a field whose variable is missing. Its checks that need
 * the value (a key present, a URL well formed) are skipped, so each missing variable is
 * reported once, as itself, not again as the empty field it left.
 */
export function needsMissingVariable(path: string, missingPaths: readonly string[]): boolean {
  return missingPaths.some((missing) => missing.startsWith(`${path}.`));
}
