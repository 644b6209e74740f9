import type { ConfigIssue } from '../errors/router-side-errors.js';

const WHOLE_ENV_REFERENCE = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;
const INLINE_ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces environment references in every string of a config value, the forms LiteLLM
 * configs use: a whole string `os.environ/NAME`, or `${NAME}` anywhere in a string.
 * A missing variable is an issue at that path; the value itself is never reported.
 */
export function resolveEnvReferences(value: unknown, path: string, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') return resolveString(value, path, env, issues);
  if (Array.isArray(value)) return value.map((item, i) => resolveEnvReferences(item, `${path}[${i}]`, env, issues));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveEnvReferences(item, `${path}.${key}`, env, issues);
    return out;
  }
  return value;
}

function resolveString(value: string, path: string, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): string {
  const whole = WHOLE_ENV_REFERENCE.exec(value);
  if (whole) return lookup(whole[1] as string, path, env, issues);
  if (!value.includes('${')) return value;
  return value.replace(INLINE_ENV_REFERENCE, (_match, name: string) => lookup(name, path, env, issues));
}

function lookup(name: string, path: string, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): string {
  const found = env[name];
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
