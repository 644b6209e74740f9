import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configFileError, issueLines } from './config-files.js';

describe('the environment in a config file', () => {
  it('reads os.environ/NAME as a whole value and ${NAME} inside one, anywhere in the file', async () => {
    const config = await loadConfig(
      `
model_list:
  - model_name: qwen
    litellm_params:
      model: openai/qwen
      api_base: http://\${LLM_HOST}:\${LLM_PORT}/v1
      api_key: os.environ/LLM_KEY
      rpm: os.environ/LLM_RPM
router_settings:
  num_retries: os.environ/RETRIES
  enable_pre_call_checks: \${PRE_CALL}
`,
      { env: { LLM_HOST: 'gpu-box', LLM_PORT: '8000', LLM_KEY: 'llm-key-0123456789', LLM_RPM: '120', RETRIES: '4', PRE_CALL: 'True' } },
    );
    expect(config.router.deployments[0]).toMatchObject({ baseUrl: 'http://gpu-box:8000/v1', apiKey: 'llm-key-0123456789', rpm: 120 });
    expect(config.router.retries).toEqual({ max: 4 });
  });

  it('names the path and the variable of every reference that is not set', async () => {
    const error = await configFileError(
      `
model_list:
  - model_name: a
    litellm_params: { model: openai/gpt-4o, api_key: os.environ/MISSING_KEY, api_base: "https://\${MISSING_HOST}/v1" }
general_settings:
  master_key: os.environ/EMPTY_MASTER
`,
      { EMPTY_MASTER: '' },
    );
    expect(issueLines(error)).toEqual([
      'model_list[0].litellm_params.api_key: environment variable MISSING_KEY is not set (referenced as os.environ/MISSING_KEY or ${MISSING_KEY})',
      'model_list[0].litellm_params.api_base: environment variable MISSING_HOST is not set (referenced as os.environ/MISSING_HOST or ${MISSING_HOST})',
      'general_settings.master_key: environment variable EMPTY_MASTER is not set (referenced as os.environ/EMPTY_MASTER or ${EMPTY_MASTER})',
    ]);
  });

  it('takes environment_variables where the environment has none, the environment winning, without changing process.env', async () => {
    const config = await loadConfig(
      `
environment_variables:
  OPENAI_API_KEY: sk-from-file-0123456789
  LLM_HOST: file-host
  LLM_PORT: 8000
  GREETING: "hello \${NAME}"
model_list:
  - model_name: a
    litellm_params: { model: openai/gpt-4o }
  - model_name: b
    litellm_params: { model: openai/qwen, api_base: "http://\${LLM_HOST}:\${LLM_PORT}/v1" }
`,
      { env: { LLM_HOST: 'env-host', NAME: 'world' } },
    );
    expect(config.router.deployments.map((d) => d.apiKey ?? d.baseUrl)).toEqual(['sk-from-file-0123456789', 'http://env-host:8000/v1']);
    expect(config.environmentVariables).toEqual({
      OPENAI_API_KEY: 'sk-from-file-0123456789',
      LLM_HOST: 'file-host',
      LLM_PORT: '8000',
      GREETING: 'hello world',
    });
    expect(process.env.GREETING).toBeUndefined();
  });

  it("takes each provider's key, endpoint and region from LiteLLM's variables when the file leaves them out", async () => {
    const config = await loadConfig(
      `
model_list:
  - { model_name: a, litellm_params: { model: azure/my-gpt } }
  - { model_name: b, litellm_params: { model: together_ai/meta-llama/Llama-3-70b-chat-hf } }
  - { model_name: c, litellm_params: { model: bedrock/amazon.nova-pro-v1:0 } }
  - { model_name: d, litellm_params: { model: openai/x, api_base: "http://127.0.0.1:9/v1" } }
`,
      {
        env: {
          AZURE_API_KEY: 'azure-key-0123456789',
          AZURE_API_BASE: 'https://res.openai.azure.com',
          AZURE_API_VERSION: '2025-01-01-preview',
          TOGETHERAI_API_KEY: 'together-key-0123456789',
          AWS_REGION_NAME: 'eu-central-1',
          AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE0123',
          AWS_SECRET_ACCESS_KEY: 'aws-secret-0123456789',
          OPENAI_API_KEY: 'sk-openai-0123456789',
        },
      },
    );
    expect(config.router.deployments).toEqual([
      {
        model: 'a',
        provider: 'azure',
        providerModel: 'my-gpt',
        apiKey: 'azure-key-0123456789',
        baseUrl: 'https://res.openai.azure.com',
        params: { apiVersion: '2025-01-01-preview' },
      },
      { model: 'b', provider: 'together', providerModel: 'meta-llama/Llama-3-70b-chat-hf', apiKey: 'together-key-0123456789' },
      {
        model: 'c',
        provider: 'bedrock',
        providerModel: 'amazon.nova-pro-v1:0',
        params: { region: 'eu-central-1', accessKeyId: 'AKIAEXAMPLE0123', secretAccessKey: 'aws-secret-0123456789' },
      },
      // OPENAI_API_KEY is never sent to another server: an OpenAI-compatible deployment's key is its own api_key.
      { model: 'd', provider: 'openai-compatible', providerModel: 'x', baseUrl: 'http://127.0.0.1:9/v1' },
    ]);
  });

  it('takes the master key and database from the environment when general_settings leaves them out', async () => {
    const config = await loadConfig('model_list:\n  - { model_name: a, litellm_params: { model: mock/a } }\n', {
      env: { LITELLM_MASTER_KEY: 'sk-master-0123456789', DATABASE_URL: 'sqlite:./gateway.db' },
    });
    expect(config.gateway).toEqual({ masterKey: 'sk-master-0123456789', database: 'sqlite:./gateway.db' });
  });
});
