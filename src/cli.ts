#!/usr/bin/env node
/** The `switchyard` command (package.json `bin`): `serve`, `check`, `keys`, `spend`. */
import { readFileSync } from 'node:fs';
import { processIo } from './cli/cli-io.js';
import { runCli } from './cli/run-cli.js';

/** The package's version, from the package.json beside `src/` and `dist/`. */
const version = () => (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

void runCli(process.argv.slice(2), processIo(), version).then((exitCode) => {
  process.exitCode = exitCode;
});
