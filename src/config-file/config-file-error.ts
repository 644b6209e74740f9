import { ConfigError, type ConfigIssue } from '../errors/router-side-errors.js';

/** A config file switchyard cannot use: `issues` names every problem with its path in the file (`model_list[2].litellm_params.rpm`). */
export class ConfigFileError extends ConfigError {
  static override readonly kind: string = 'ConfigFileError';
  constructor(issues: readonly ConfigIssue[], source: string) {
    super(issues);
    this.message = this.message.replace('Invalid router config', `Invalid config ${source}`);
  }
}
