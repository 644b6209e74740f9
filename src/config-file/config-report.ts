import { closestName } from '../config/closest-name.js';
import { describeValue, shortened } from '../config/describe-value.js';
import type { ConfigIssue } from '../errors/router-side-errors.js';

/** A path segment names something that may hold a credential (or a URL, which may carry one): its value is never shown. */
const SECRET_SEGMENT = /key|secret|password|token|credential|url|base|header|endpoint|database|environment/i;

/** Where a key of the mapping at `path` is: `litellm_settings.cache_params`. Key names from the file are shortened. */
export const childPath = (path: string, key: string): string => (path ? `${path}.${shortened(key)}` : shortened(key));

export const itemPath = (path: string, index: number): string => `${path}[${index}]`;

/** Names the pattern catches that hold no credential. */
const PLAIN_SEGMENTS = new Set(['key_settings', 'key_alias', 'base_model', 'max_input_tokens', 'max_output_tokens', 'max_tokens']);

/** Whether the value at `path` may be shown in a message: never in a credential-like field, whatever its type. */
function showable(path: string): boolean {
  return !path.split(/[.[\]]/).some((segment) => SECRET_SEGMENT.test(segment) && !PLAIN_SEGMENTS.has(segment));
}

/** `, got …` for a message about the value at `path`, or nothing when the value must not be shown. */
export function gotValue(path: string, value: unknown): string {
  return showable(path) ? `, got ${describeValue(value)}` : '';
}

/** What reading a config file found: problems (the file cannot be used) and warnings (something in it is not used). */
export class ConfigReport {
  readonly issues: ConfigIssue[] = [];
  readonly warnings: string[] = [];

  error(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  warn(path: string, message: string): void {
    this.warnings.push(path ? `${path}: ${message}` : message);
  }

  /** A key switchyard does not read: named with its path, and the known key it most likely meant. */
  unknownKey(path: string, key: string, known: readonly string[]): void {
    const suggestion = closestName(key, known);
    this.warn(path, `not used by switchyard${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
  }
}
