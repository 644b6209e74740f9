import { childPath, gotValue, itemPath, type ConfigReport } from './config-report.js';

/** Reads one key's value, found at `path`. */
export type KeyReader = (value: unknown, path: string) => void;

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a mapping of the file: each key switchyard knows goes to its reader, every other key is
 * a warning naming it and its path. A key left empty (`api_key:`, YAML's null) counts as not given.
 * Returns false (after reporting it) when the value is not a mapping.
 */
export function readMapping(value: unknown, path: string, report: ConfigReport, readers: Readonly<Record<string, KeyReader>>, example: string): boolean {
  if (!isMapping(value)) {
    report.error(path, `expected a mapping such as ${example}${gotValue(path, value)}`);
    return false;
  }
  const known = Object.keys(readers);
  for (const [key, item] of Object.entries(value)) {
    const at = childPath(path, key);
    const reader = Object.hasOwn(readers, key) ? readers[key] : undefined;
    if (!reader) report.unknownKey(at, key, known);
    else if (item !== null && item !== undefined) reader(item, at);
  }
  return true;
}

/** Reads each item of a list with `readItem`; returns false (after reporting it) when the value is not a list. */
export function readList(
  value: unknown,
  path: string,
  report: ConfigReport,
  readItem: (item: unknown, path: string, index: number) => void,
  example: string,
): boolean {
  if (!Array.isArray(value)) {
    report.error(path, `expected a list such as ${example}${gotValue(path, value)}`);
    return false;
  }
  value.forEach((item, index) => readItem(item, itemPath(path, index), index));
  return true;
}
