import { describe, expect, it } from 'vitest';
import { ConfigError } from 'switchyard';
import { loadConfig, routerFromConfig } from '../../src/config.js';
import { configFileError } from './config-files.js';

const SECRETS = {
  OPENAI: 'sk-openai-S3cr3t-0001',
  AZURE: 'azure-S3cr3t-0002',
  MASTER: 'sk-master-S3cr3t-0003',
  DB_PASSWORD: 'db-S3cr3t-0004',
  REDIS_PASSWORD: 'redis-S3cr3t-0005',
  AWS: 'aws-S3cr3t-0006',
  VIRTUAL_KEY: 'sk-virtual-S3cr3t-0007',
  FILE_VAR: 'file-var-S3cr3t-0008',
  QUERY_KEY: 'query-S3cr3t-0009',
};

/** Everything a person could see of a failure or of the warnings. */
function shown(value: unknown): string {
  if (value instanceof ConfigError) return [value.message, JSON.stringify(value.issues), String(value.stack)].join('\n');
  if (value instanceof Error) return [value.message, String(value.stack)].join('\n');
  return JSON.stringify(value);
}

function expectNoSecret(text: string): void {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  expect(text).not.toContain('S3cr3t');
}

describe('keys and passwords from the file', () => {
  it('never appear in the warnings', async () => {
    const config = await loadConfig(
      `
environment_variables:
  SOME_TOKEN: ${SECRETS.FILE_VAR}
model_list:
  - model_name: gpt-4o
    litellm_params:
      { model: openai/gpt-4o, api_key: ${SECRETS.OPENAI}, api_version: "2024-10-21", aws_secret_access_key: ${SECRETS.AWS}, api_keyy: ${SECRETS.OPENAI} }
router_settings: { redis_host: localhost, redis_password: ${SECRETS.REDIS_PASSWORD}, redis_passwrd: ${SECRETS.REDIS_PASSWORD} }
litellm_settings: { num_retries: 1 }
general_settings:
  master_key: ${SECRETS.MASTER}
  database_url: postgresql://u:${SECRETS.DB_PASSWORD}@db:5432/x
  master_kee: ${SECRETS.MASTER}
key_settings:
  - { key: ${SECRETS.VIRTUAL_KEY}, key_alias: bot, secret_note: ${SECRETS.VIRTUAL_KEY} }
`,
      { env: {} },
    );
    expect(config.warnings.length).toBeGreaterThanOrEqual(6);
    expectNoSecret(shown(config.warnings));
  });

  it('never appear in a ConfigError about a bad value, wherever it is', async () => {
    const error = await configFileError(
      `
model_list:
  - model_name: a
    litellm_params: { model: openai/gpt-4o, api_key: [${SECRETS.OPENAI}], api_base: "http://[::1:99999/v1?api_key=${SECRETS.QUERY_KEY}" }
  - model_name: b
    litellm_params: { model: bedrock/amazon.nova-lite-v1:0, aws_secret_access_key: { k: ${SECRETS.AWS} } }
router_settings: { redis_url: "http://:${SECRETS.REDIS_PASSWORD}@redis:6379" }
litellm_settings:
  cache: true
  cache_params: { type: redis, host: localhost, password: [${SECRETS.REDIS_PASSWORD}] }
general_settings:
  master_key: { value: ${SECRETS.MASTER} }
  database_url: [postgresql://u:${SECRETS.DB_PASSWORD}@db/x]
key_settings:
  - { key: sk-${SECRETS.VIRTUAL_KEY.slice(-4)} }
  - { key: [${SECRETS.VIRTUAL_KEY}] }
`,
    );
    expect(error.issues).toHaveLength(8);
    expectNoSecret(shown(error));
    const variables = await configFileError(`environment_variables:\n  NESTED: { value: ${SECRETS.FILE_VAR} }\n  1BAD: ${SECRETS.FILE_VAR}\n`);
    expect(variables.issues.map((issue) => issue.path)).toEqual(['environment_variables.NESTED', 'environment_variables.1BAD']);
    expectNoSecret(shown(variables));
  });

  it('never appear in what the router finds wrong with a deployment', async () => {
    const error = await configFileError(
      `model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o, api_key: ${SECRETS.OPENAI}, api_base: "http://h:0/v1?key=${SECRETS.QUERY_KEY}" }\n`,
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['model_list[0].litellm_params.api_base']);
    expectNoSecret(shown(error));
  });

  it('never appear in a YAML syntax error on their line', async () => {
    const error = await configFileError(`model_list:\n  - model_name: a\n    litellm_params: { model: openai/x, api_key: "${SECRETS.OPENAI}\n`);
    expectNoSecret(shown(error));
  });

  it('never appear when the Redis the file names cannot be reached', async () => {
    const redis = `{ redis_host: 127.0.0.1, redis_port: 1, redis_password: ${SECRETS.REDIS_PASSWORD} }`;
    const text = `model_list:\n  - model_name: a\n    litellm_params: { model: mock/a }\nrouter_settings: ${redis}\n`;
    const failure = await routerFromConfig(text).then(
      () => expect.fail('expected the connection to fail'),
      (error: unknown) => error,
    );
    expect(shown(failure)).toContain('cannot be reached');
    expectNoSecret(shown(failure));
  });
});
