import type { RouterOptions } from '../config/router-options.js';
import { parseRouterOptions } from '../config/parse-router-options.js';
import { resolveProviders } from '../config/resolve-providers.js';
import { ConfigError } from '../errors/router-side-errors.js';
import { ConfigFileError } from './config-file-error.js';
import type { Environment } from './environment.js';
import type { OriginMap } from './origin-map.js';

/**
 * The router's own checks of the options the file made (URLs, ids, model names of fallbacks and
 * aliases, a provider's params), each problem named at its place in the file. Nothing is
 * connected or loaded: the options are only checked.
 */
export function validateRouterOptions(options: RouterOptions, origins: OriginMap, env: Environment, label: string): void {
  try {
    parseRouterOptions(options, resolveProviders(undefined), env as NodeJS.ProcessEnv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigFileError(
      error.issues.map((issue) => origins.translate(issue)),
      label,
    );
  }
}
