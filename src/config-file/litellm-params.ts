import { BUILT_IN_PROVIDERS } from '../../providers/index.js';
import type { DeploymentConfig } from '../deployments/deployment-config.js';
import { childPath, type ConfigReport } from './config-report.js';
import { checked, nameList, nonNegativeInteger, nonNegativeNumber, number, positiveInteger, seconds, stringMap, text } from './config-values.js';
import { DeploymentRank, type DeploymentDraft } from './deployment-draft.js';
import type { Environment } from './environment.js';
import { priceReaders } from './pricing-fields.js';
import { isMapping, readMapping, type KeyReader } from './read-mapping.js';
import type * as z from 'zod';

const RANK = DeploymentRank.litellmParams;

/** Request fields LiteLLM sends with every call of a deployment; OpenAI-shaped providers take them as body defaults (`params`). */
const REQUEST_DEFAULTS: Readonly<Record<string, () => z.ZodType<unknown>>> = {
  temperature: () => nonNegativeNumber(),
  top_p: () => nonNegativeNumber(),
  seed: () => nonNegativeInteger(),
  stop: () => nameList('expected a stop sequence or a list of them'),
  frequency_penalty: () => number('expected a number from -2 to 2'),
  presence_penalty: () => number('expected a number from -2 to 2'),
};

const AWS_PARAMS = { aws_access_key_id: 'accessKeyId', aws_secret_access_key: 'secretAccessKey', aws_session_token: 'sessionToken', aws_region_name: 'region' };

/** Where Ollama serves OpenAI's API: LiteLLM's `api_base` is the server (`http://localhost:11434`), switchyard calls its `/v1`. */
function ollamaBase(apiBase: string): string {
  if (!URL.canParse(apiBase)) return apiBase;
  const url = new URL(apiBase);
  return url.pathname === '/' || url.pathname === '' ? `${apiBase.replace(/\/+$/, '')}/v1` : apiBase;
}

function readers(draft: DeploymentDraft, report: ConfigReport): Record<string, KeyReader> {
  const provider = draft.provider;
  const field =
    <T>(name: keyof DeploymentConfig | 'streamTimeoutMs', schema: z.ZodType<T>, as: (value: T) => unknown = (value) => value): KeyReader =>
    (value, path) => {
      const read = checked(schema, value, path, report);
      if (read !== undefined) draft.set(name, as(read), path, RANK);
    };
  const param =
    (name: string, schema: z.ZodType<unknown>, onlyFor: string): KeyReader =>
    (value, path) => {
      if (onlyFor !== provider) return report.warn(path, `used only by ${onlyFor}/ deployments, not by ${provider} ones`);
      const read = checked(schema, value, path, report);
      if (read !== undefined) draft.param(name, read, path, RANK);
    };
  const requestDefault =
    (name: string, schema: z.ZodType<unknown>): KeyReader =>
    (value, path) => {
      if (!draft.openAIShaped) return report.warn(path, `not sent by default to ${provider} deployments: send it with each request`);
      const read = checked(schema, value, path, report);
      if (read !== undefined) draft.param(name, read, path, RANK);
    };
  const headers: KeyReader = (value, path) => {
    const read = checked(stringMap(), value, path, report);
    for (const [name, headerValue] of Object.entries(read ?? {})) draft.header(name, headerValue, childPath(path, name), RANK);
  };
  return {
    model: () => undefined,
    mock_response: () => undefined,
    api_key: field('apiKey', text('expected the key as a string, e.g. os.environ/OPENAI_API_KEY')),
    api_base: field('baseUrl', text('expected a URL such as https://my-endpoint.openai.azure.com'), (base) =>
      provider === 'ollama' ? ollamaBase(base) : base,
    ),
    api_version: param('apiVersion', text('expected an api-version such as 2024-10-21'), 'azure'),
    rpm: field('rpm', positiveInteger()),
    tpm: field('tpm', positiveInteger()),
    max_parallel_requests: field('maxConcurrency', positiveInteger()),
    weight: field('weight', nonNegativeNumber()),
    order: field('priority', nonNegativeInteger()),
    timeout: field('timeoutMs', seconds('600')),
    stream_timeout: field('streamTimeoutMs', seconds('60')),
    tags: field('tags', nameList('expected a list of tags')),
    max_tokens: field('maxOutputTokens', positiveInteger()),
    organization: (value, path) => {
      const read = checked(text('expected the OpenAI organization id'), value, path, report);
      if (read !== undefined) draft.header('OpenAI-Organization', read, path, RANK);
    },
    extra_headers: headers,
    headers,
    ...Object.fromEntries(Object.entries(REQUEST_DEFAULTS).map(([name, schema]) => [name, requestDefault(name, schema())])),
    ...Object.fromEntries(
      Object.entries(AWS_PARAMS).map(([key, name]) => [key, param(name, text(`expected a string, e.g. os.environ/${key.toUpperCase()}`), 'bedrock')]),
    ),
    aws_bedrock_runtime_endpoint: (value, path) => {
      if (provider !== 'bedrock') return report.warn(path, `used only by bedrock/ deployments, not by ${provider} ones`);
      field('baseUrl', text('expected a URL such as https://bedrock-runtime.us-east-1.amazonaws.com'))(value, path);
    },
    mock_params: (value, path) => {
      if (provider !== 'mock') return report.warn(path, `used only by mock deployments, not by ${provider} ones`);
      if (!isMapping(value)) return report.error(path, 'expected a mapping of the mock provider’s params, such as { errorStatus: 503, errorRate: 0.5 }');
      for (const [name, item] of Object.entries(value)) draft.param(name, item, childPath(path, name), RANK);
    },
    ...priceReaders(draft, report, RANK),
  };
}

/** `litellm_params` into the deployment's fields; `model` and `mock_response` were read when the draft was made. */
export function readLiteLLMParams(value: unknown, path: string, draft: DeploymentDraft, report: ConfigReport): void {
  readMapping(value, path, report, readers(draft, report), '{ model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY }');
}

/**
 * What LiteLLM takes from the environment when the file leaves it out: the key (LiteLLM's
 * variable names first), Azure's endpoint and api-version, AWS credentials and region. Read
 * here, from the environment given, so the router gets them as values.
 */
export function applyEnvironmentDefaults(draft: DeploymentDraft, env: Environment, litellmParamsPath: string, report: ConfigReport): void {
  const from = (name: string) => `${litellmParamsPath} (from ${name})`;
  const fill = (field: keyof DeploymentConfig, names: readonly string[]) => {
    if (draft.has(field)) return;
    const name = names.find((n) => env[n] !== undefined && env[n] !== '');
    if (name) draft.set(field, env[name], from(name), DeploymentRank.entry);
  };
  const fillParam = (param: string, names: readonly string[]) => {
    if (draft.hasParam(param)) return;
    const name = names.find((n) => env[n] !== undefined && env[n] !== '');
    if (name) draft.param(param, env[name], from(name), DeploymentRank.entry);
  };
  fill('apiKey', draft.target.prefix.keyVariables);
  if (draft.provider === 'azure') {
    fill('baseUrl', ['AZURE_API_BASE', 'AZURE_OPENAI_ENDPOINT']);
    fillParam('apiVersion', ['AZURE_API_VERSION']);
  }
  if (draft.provider === 'bedrock') fillParam('region', ['AWS_REGION_NAME', 'AWS_REGION', 'AWS_DEFAULT_REGION']);
  if (draft.provider === 'bedrock' && !draft.has('apiKey')) {
    if (!draft.hasParam('accessKeyId') && env.AWS_ACCESS_KEY_ID) {
      fillParam('accessKeyId', ['AWS_ACCESS_KEY_ID']);
      fillParam('secretAccessKey', ['AWS_SECRET_ACCESS_KEY']);
      fillParam('sessionToken', ['AWS_SESSION_TOKEN']);
    }
  }
  const adapter = BUILT_IN_PROVIDERS.find((p) => p.name === draft.provider);
  if (adapter?.apiKeyRequired && !draft.has('apiKey')) {
    const variables = draft.target.prefix.keyVariables;
    const settable = `set api_key (e.g. os.environ/${variables[0]}) or the ${variables.join(' or ')} environment variable`;
    report.error(childPath(litellmParamsPath, 'api_key'), `no key for this ${draft.target.written}/ deployment: ${settable}`);
  }
}
