import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The child imports the sources through tsx: the bound ends a real hang, it does not time the work. */
const CHILD_BOUND_MS = 60_000;

/**
 * In a fresh Node (a test worker may have loaded either driver already): which drivers are loaded after
 * importing the module, then after opening `url`. Node's CommonJS cache lists them however they were imported.
 */
async function driversLoaded(url: string): Promise<{ atImport: string[]; afterOpen: string[] }> {
  const script = `
    import { createRequire } from 'node:module';
    const cache = createRequire(import.meta.url).cache;
    const drivers = () => [...new Set(Object.keys(cache).flatMap((path) => path.match(/node_modules\\/(pg|better-sqlite3)\\//)?.[1] ?? []))];
    const { openDatabase } = await import('./src/server/db/index.ts');
    const atImport = drivers();
    await openDatabase(${JSON.stringify(url)}).then((db) => db.close(), () => {});
    console.log(JSON.stringify({ atImport, afterOpen: drivers() }));
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, timeout: CHILD_BOUND_MS });
  return JSON.parse(stdout) as { atImport: string[]; afterOpen: string[] };
}

it('loads no driver at import, and only the one the URL asks for when opening', { timeout: CHILD_BOUND_MS }, async () => {
  const [sqlite, postgres] = await Promise.all([driversLoaded('sqlite::memory:'), driversLoaded('postgresql://u@127.0.0.1:1/db')]);
  expect(sqlite).toEqual({ atImport: [], afterOpen: ['better-sqlite3'] });
  expect(postgres).toEqual({ atImport: [], afterOpen: ['pg'] });
});
