import { loadConfig } from '../config-file/load-config.js';
import type { LoadedConfig } from '../config-file/loaded-config.js';
import { usageError } from './cli-errors.js';
import { textFlag, type FlagSpec } from './flags.js';

export const CONFIG_FLAG: FlagSpec = { type: 'string', short: 'c', value: 'FILE', help: "the config file (LiteLLM's config.yaml format)" };

/** `--config FILE` read with `loadConfig` from the process's environment; a bad file rejects with its ConfigFileError (every issue with its path). */
export async function readConfig(command: string, flag: string | true | undefined): Promise<LoadedConfig> {
  const path = textFlag(flag);
  if (path === undefined) throw usageError(command, '--config FILE is required, e.g. --config examples/gateway.yaml');
  return loadConfig(path, { env: process.env });
}

/** Every model name callers can ask for: the groups of `model_list` and the aliases. */
export function modelNames(config: LoadedConfig): string[] {
  return [...new Set([...config.router.deployments.map((d) => d.model), ...Object.keys(config.router.aliases ?? {})])];
}

/** Whether callers can ask for `model`: a group, an alias, or a name a wildcard group (`openai/*`) serves. */
export function servesModel(config: LoadedConfig, model: string): boolean {
  const names = modelNames(config);
  return names.includes(model) || names.some((name) => name.endsWith('*') && model.startsWith(name.slice(0, -1)));
}
