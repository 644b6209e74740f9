import { readFile } from 'node:fs/promises';
import { ConfigFileError } from './config-file-error.js';

/** The YAML to read and how messages name it. */
export interface ConfigSource {
  text: string;
  /** `file ./config.yaml`, or `(YAML text)`. */
  label: string;
}

/** YAML text, not a path: more than one line, or a line that starts like YAML (`model_list:`, `{`, `---`, a comment). */
const LOOKS_LIKE_YAML = /^\s*(?:[\w.-]+\s*:(?:\s|$)|[{[#]|---)/;

export function isYamlText(pathOrYamlText: string): boolean {
  return pathOrYamlText.includes('\n') || LOOKS_LIKE_YAML.test(pathOrYamlText);
}

/** The text itself, or the file's contents (a relative path is read from the working directory). */
export async function readConfigSource(pathOrYamlText: string): Promise<ConfigSource> {
  if (typeof pathOrYamlText !== 'string' || pathOrYamlText.trim() === '') {
    throw new ConfigFileError([{ path: '', message: "expected a config file's path or its YAML text, e.g. loadConfig('config.yaml')" }], '');
  }
  if (isYamlText(pathOrYamlText)) return { text: pathOrYamlText, label: '(YAML text)' };
  const label = `file ${pathOrYamlText}`;
  try {
    return { text: await readFile(pathOrYamlText, 'utf8'), label };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new ConfigFileError([{ path: '', message: `cannot read ${pathOrYamlText}: ${why}` }], label);
  }
}
