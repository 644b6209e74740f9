/**
 * `switchyard/config`: LiteLLM's `config.yaml` (and the tutorial dialect) as switchyard's
 * router and gateway options. Needs the `yaml` package; `import 'switchyard'` never loads it.
 */
export { loadConfig, type LoadConfigOptions } from './config-file/load-config.js';
export { routerFromConfig, type RouterFromConfigOptions } from './config-file/router-from-config.js';
export { ConfigFileError } from './config-file/config-file-error.js';
export type { ConfigKey, ConfigUser, GatewaySettings, LoadedConfig, ObservabilitySettings, RedisConnection } from './config-file/loaded-config.js';
export { ConfigError, type ConfigIssue } from './errors/router-side-errors.js';
