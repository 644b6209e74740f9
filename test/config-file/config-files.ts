import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ConfigError } from 'switchyard';
import { ConfigFileError, loadConfig, type LoadedConfig } from '../../src/config.js';

/** A fixture's path: `fixture('litellm-proxy.yaml')`. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The ConfigFileError loading `source` rejects with; fails the test when it loads. */
export async function configFileError(source: string, env: Record<string, string | undefined> = {}): Promise<ConfigFileError> {
  let loaded: LoadedConfig | undefined;
  try {
    loaded = await loadConfig(source, { env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigFileError;
  }
  return expect.fail(`expected a ConfigFileError, loaded with warnings ${JSON.stringify(loaded.warnings)}`);
}

/** Each issue as `path: message`, as the error's message lists them. */
export const issueLines = (error: ConfigError): string[] => error.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
