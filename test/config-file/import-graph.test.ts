import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Module specifiers a file imports when it loads: static imports and re-exports, not `import type` nor `import()`. */
function loadedSpecifiers(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const statements = source.match(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'[^']+'|^import\s+'[^']+'/gm) ?? [];
  return statements.map((statement) => /'([^']+)'$/.exec(statement)?.[1] as string);
}

/** Every source file `entry` loads, and every package they load. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of loadedSpecifiers(file)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(resolve(root, entry));
  return { files, packages };
}

describe('what importing loads', () => {
  it("switchyard loads neither the config reader nor the 'yaml' package", () => {
    const { files, packages } = importGraph('src/index.ts');
    expect(files.has(resolve(root, 'src/router.ts'))).toBe(true);
    expect([...files].filter((file) => file.includes('config-file'))).toEqual([]);
    expect(packages.has('yaml')).toBe(false);
  });

  it("switchyard/config loads 'yaml' only when it reads a file", () => {
    const { files, packages } = importGraph('src/config.ts');
    expect(files.has(resolve(root, 'src/config-file/parse-yaml.ts'))).toBe(true);
    expect(packages.has('yaml')).toBe(false);
    expect(readFileSync(resolve(root, 'src/config-file/parse-yaml.ts'), 'utf8')).toContain("await import('yaml')");
  });
});
