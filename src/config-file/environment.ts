import { resolveEnvReferences } from '../config/resolve-env.js';
import { childPath, gotValue, type ConfigReport } from './config-report.js';
import { isMapping } from './read-mapping.js';

/** Environment variables as `loadConfig` reads them (`process.env` by default). */
export type Environment = Readonly<Record<string, string | undefined>>;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `environment_variables`: each value (a string, number or boolean; itself able to name the
 * environment) as text. These fill in variables the environment leaves unset: what the
 * process is given wins, so a deployment can override the file.
 */
export function readEnvironmentVariables(value: unknown, env: Environment, report: ConfigReport): Record<string, string> {
  const path = 'environment_variables';
  if (value === undefined || value === null) return {};
  if (!isMapping(value)) {
    report.error(path, 'expected a mapping of variable names to values, such as { REDIS_HOST: localhost }');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(value)) {
    const at = childPath(path, name);
    if (!VARIABLE_NAME.test(name)) report.error(at, 'expected a variable name of letters, digits and underscores, not starting with a digit');
    else if (raw === null) continue;
    else if (typeof raw === 'number' || typeof raw === 'boolean') out[name] = String(raw);
    else if (typeof raw !== 'string') report.error(at, `expected a string, number or boolean${gotValue(at, raw)}`);
    else out[name] = resolveEnvReferences(raw, at, env as NodeJS.ProcessEnv, report.issues) as string;
  }
  return out;
}

/** The environment the rest of the file is read with: the file's variables, then the process's on top. */
export function mergedEnvironment(env: Environment, fileVariables: Readonly<Record<string, string>>): Environment {
  const merged: Record<string, string | undefined> = { ...fileVariables };
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value !== '') merged[name] = value;
  return merged;
}

/** Every `os.environ/NAME` and `${NAME}` in the sections, replaced; a variable not set is an issue naming the path and the variable. */
export function resolveSections(document: Record<string, unknown>, env: Environment, report: ConfigReport): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(document).map(([key, value]) => [
      key,
      key === 'environment_variables' ? value : resolveEnvReferences(value, childPath('', key), env as NodeJS.ProcessEnv, report.issues),
    ]),
  );
}
