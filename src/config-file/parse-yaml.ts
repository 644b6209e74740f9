import type * as Yaml from 'yaml';
import { ConfigFileError } from './config-file-error.js';
import type { ConfigSource } from './config-source.js';

type YamlModule = typeof Yaml;

/** The `yaml` package, an optional peer dependency: loaded only by `switchyard/config`, when a file is read. */
async function loadYaml(label: string): Promise<YamlModule> {
  try {
    return await import('yaml');
  } catch {
    throw new ConfigFileError([{ path: '', message: "reading config files needs the 'yaml' package: npm install yaml" }], label);
  }
}

/**
 * What went wrong, by the parser's code: its own messages may quote the line (a key on it), so
 * only the code and the position are shown.
 */
const EXPLAINED: Readonly<Record<string, string>> = {
  BAD_INDENT: 'the indentation is off',
  DUPLICATE_KEY: 'a key appears twice in one mapping',
  TAB_AS_INDENT: 'tabs cannot indent YAML: use spaces',
  MISSING_CHAR: 'a character is missing (a closing quote or bracket, a comma, or a space after a colon)',
  UNEXPECTED_TOKEN: 'something unexpected is there',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping cannot start on its key’s line',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line',
  MULTIPLE_DOCS: 'the file holds more than one YAML document',
  BAD_SCALAR_START: 'a plain value cannot start with this character: quote it',
  BAD_ALIAS: 'an alias is malformed',
  BAD_DQ_ESCAPE: 'an escape sequence in a double-quoted string is not valid',
  TAG_RESOLVE_FAILED: 'a tag is not one YAML knows',
  ALIAS_PROPS: 'an alias cannot have a tag or anchor',
};

function describe(error: Yaml.YAMLError, lines: Yaml.LineCounter): string {
  const { line, col } = lines.linePos(error.pos[0]);
  return `line ${line}, column ${col}: ${EXPLAINED[error.code] ?? 'the YAML is malformed'} (${error.code})`;
}

/** The file as plain data; a syntax error is a ConfigFileError naming its line, never the line's text. */
export async function parseYaml(source: ConfigSource): Promise<unknown> {
  const yaml = await loadYaml(source.label);
  const lines = new yaml.LineCounter();
  const document = yaml.parseDocument(source.text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (document.errors.length > 0) {
    throw new ConfigFileError(
      document.errors.map((error) => ({ path: '', message: describe(error, lines) })),
      source.label,
    );
  }
  try {
    return document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    if (!/alias/i.test((error as Error).message)) throw error;
    throw new ConfigFileError([{ path: '', message: 'the YAML expands to too much through its aliases (*name): write the values out' }], source.label);
  }
}
