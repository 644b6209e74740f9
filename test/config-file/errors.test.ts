import { describe, expect, it } from 'vitest';
import { configFileError, issueLines } from './config-files.js';

const STRATEGIES =
  'simple-shuffle, least-busy, latency-based-routing, cost-based-routing, usage-based-routing, usage-based-routing-v2, round-robin, least-latency, cost, usage';

const MODEL_LIST = '[{ model_name: gpt-4o, litellm_params: { model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY } }]';

const mock = (name: string, extra = '') => `  - { model_name: ${name}, litellm_params: { model: mock/${name}${extra} } }`;

describe('values switchyard cannot use', () => {
  it('are one ConfigError listing every bad value at its path in the file', async () => {
    const error = await configFileError(
      `
model_list:
  - model_name: a
    litellm_params: { model: openai/gpt-4o, api_key: sk-openai-0123456789, rpm: 1.5 }
  - model_name: b
    litellm_params: { model: mock/b, weight: -1, timeout: 0 }
  - model_name: c
    litellm_params: { model: mock/c, rpm: -5 }
    model_info: { max_input_tokens: lots }
router_settings:
  routing_strategy: lar1
  num_retries: many
  cooldown_time: -1
litellm_settings:
  request_timeout: soon
  cache: maybe
general_settings:
  global_max_rpm: 0
  max_request_size_mb: 0
`,
    );
    expect(error.message.split('\n')[0]).toBe('Invalid config (YAML text):');
    expect(issueLines(error)).toEqual([
      'model_list[0].litellm_params.rpm: expected a positive integer, got 1.5',
      'model_list[1].litellm_params.weight: expected a number of 0 or more, got -1',
      'model_list[1].litellm_params.timeout: expected a number of seconds above 0, e.g. 600, got 0',
      'model_list[2].litellm_params.rpm: expected a positive integer, got -5',
      'model_list[2].model_info.max_input_tokens: expected a positive integer, got "lots"',
      `router_settings.routing_strategy: expected one of ${STRATEGIES}, got "lar1"`,
      'router_settings.num_retries: expected an integer of 0 or more, got "many"',
      'router_settings.cooldown_time: expected a number of seconds of 0 or more, got -1',
      'litellm_settings.request_timeout: expected a number of seconds above 0, e.g. 600, got "soon"',
      'litellm_settings.cache: expected true or false, got "maybe"',
      'general_settings.global_max_rpm: expected a positive integer, got 0',
      'general_settings.max_request_size_mb: expected a number of MB above 0, got 0',
    ]);
  });

  it('names providers switchyard does not serve, and models whose provider it cannot tell', async () => {
    const error = await configFileError(
      `
model_list:
  - { model_name: a, litellm_params: { model: vertex_ai/gemini-1.5-pro, vertex_project: p } }
  - { model_name: b, litellm_params: { model: huggingface/bigscience/bloom } }
  - { model_name: c, litellm_params: { model: llama3 } }
  - { model_name: d, litellm_params: { model: "openai/" } }
  - { model_name: e, litellm_params: { api_key: sk-openai-0123456789 } }
  - { litellm_params: { model: mock/f } }
  - { model_name: g }
`,
    );
    expect(issueLines(error)).toEqual([
      'model_list[0].litellm_params.model: vertex_ai/ (Vertex AI) is not supported yet; ' +
        'gemini/<model> serves Gemini with a Google AI Studio key (GEMINI_API_KEY)',
      expect.stringMatching(
        /^model_list\[1\]\.litellm_params\.model: provider 'huggingface\/' is not supported yet; supported: openai\/, azure\/, .* with its api_base$/,
      ),
      "model_list[2].litellm_params.model: cannot tell which provider serves 'llama3': write it as provider/model, e.g. openai/llama3",
      'model_list[3].litellm_params.model: expected provider/model, e.g. openai/<model id>',
      'model_list[4].litellm_params.model: is required: expected provider/model, e.g. openai/gpt-4o',
      'model_list[5].model_name: is required: expected the model group name callers ask for, e.g. gpt-4o',
      'model_list[6].litellm_params: is required: { model: provider/model, … }',
    ]);
  });

  it('needs a key for providers that take one, from the file or the environment', async () => {
    const error = await configFileError('model_list:\n  - { model_name: a, litellm_params: { model: azure/my-gpt, api_base: https://x.openai.azure.com } }\n');
    expect(issueLines(error)).toEqual([
      'model_list[0].litellm_params.api_key: no key for this azure/ deployment: ' +
        'set api_key (e.g. os.environ/AZURE_API_KEY) or the AZURE_API_KEY or AZURE_OPENAI_API_KEY environment variable',
    ]);
  });

  it("names the file's key for what the router's own checks find", async () => {
    const error = await configFileError(
      `
model_list:
  - { model_name: a, litellm_params: { model: mock/a }, model_info: { id: same } }
  - { model_name: b, litellm_params: { model: mock/b }, model_info: { id: same } }
  - { model_name: b, litellm_params: { model: mock/c, mock_params: { errorStatus: 700 } } }
router_settings:
  fallbacks: [{ a: [zzz] }]
  model_group_alias: { fast: nowhere }
`,
    );
    expect(issueLines(error)).toEqual([
      "model_list[1].model_info.id: duplicate deployment id 'same' (same as model_list[0]); give one of them its own id",
      'model_list[2].litellm_params.mock_params.errorStatus: expected an HTTP status from 400 to 599, got 700',
      "router_settings.model_group_alias.fast: no deployment serves model 'nowhere'; known models: a, b",
      "router_settings.fallbacks[0].a[0]: no deployment serves model 'zzz'; known models: a, b",
    ]);
  });

  it('checks a base URL as the router does, at api_base', async () => {
    const error = await configFileError('model_list:\n  - { model_name: a, litellm_params: { model: openai/x, api_base: "http://[::1/v1" } }\n');
    expect(issueLines(error)).toEqual([
      'model_list[0].litellm_params.api_base: is not a valid URL: check its host (an IPv6 one in [brackets]) and its port (1 to 65535)',
    ]);
  });

  it('checks prices, caches, budgets and the tutorial sections', async () => {
    const error = await configFileError(
      `
model_list:
${mock('a', ', input_cost_per_token: 0.000001')}
${mock('b')}
litellm_settings:
  cache: true
  cache_params: { type: s3 }
  max_budget: 10
  budget_duration: 30s
cache_settings: { type: redis-semantic, host: localhost, mode: default_off }
user_config:
  - { user_id: alice, models: [a, c] }
  - { user_id: alice }
  - { max_budget: 5 }
key_settings:
  - { key_alias: k, key: sk-short }
  - { key_alias: k }
router:
  type: fastest
  weights: { nobody: 1 }
rate_limit_config: { storage: redis }
`,
    );
    expect(issueLines(error)).toEqual([
      'model_list[0].litellm_params.output_cost_per_token: is required with input_cost_per_token: set both prices',
      expect.stringMatching(/^litellm_settings\.budget_duration: expected a period of whole minutes, .* seconds \('30s'\) are not supported, got "30s"$/),
      'litellm_settings.cache_params.type: expected local, redis, redis-semantic (qdrant, s3, gcs and disk caches are not supported), got "s3"',
      "user_config[1].user_id: user 'alice' is already listed at user_config[0]",
      'user_config[2].user_id: is required: the user’s id, e.g. alice',
      "key_settings[0].key: expected a key that starts with 'sk-' and has at least 16 characters",
      "key_settings[1].key_alias: key_alias 'k' is already used at key_settings[0]",
      'rate_limit_config.redis_host: is required with storage: redis: set redis_host (and redis_port, redis_password) or redis_url',
      'cache_settings.mode: expected default_on: per-request opt-in (default_off) is not supported; every call of a cached model is cached, got "default_off"',
      'cache_settings.similarity_threshold: is required for a redis-semantic cache, e.g. 0.95',
      'cache_settings.redis_semantic_cache_embedding_model: is required for a redis-semantic cache: the model_name of an embedding model in model_list',
      `router.type: expected weighted_round_robin, round_robin or one of ${STRATEGIES}, got "fastest"`,
      "router.weights.nobody: no deployment is named 'nobody': use a model_info.id, a litellm_params.model or a model_name of model_list",
      "user_config[0].models[1]: no deployment serves model 'c'; model_list has: a, b",
    ]);
  });

  it('names the line of a YAML syntax error, and says what is wrong with a file that is not a config', async () => {
    expect(issueLines(await configFileError('model_list:\n  - model_name: a\n   litellm_params: {}\n'))).toEqual([
      expect.stringMatching(/^line 3, column \d+: .* \([A-Z_]+\)$/),
    ]);
    expect(issueLines(await configFileError('model_list: []\nmodel_list: []\n'))).toEqual([
      'line 2, column 1: a key appears twice in one mapping (DUPLICATE_KEY)',
    ]);
    expect(issueLines(await configFileError('# nothing yet\n'))).toEqual(['the file is empty: it needs at least a model_list']);
    expect(issueLines(await configFileError('- a\n- b\n'))).toEqual(['expected a mapping of sections (model_list, router_settings, …) at the top']);
    expect(issueLines(await configFileError('router_settings: {}\n'))).toEqual([`model_list: is required: list the deployments, e.g. ${MODEL_LIST}`]);
    expect(issueLines(await configFileError('model_list: { a: 1 }\n'))).toEqual([`model_list: expected a list such as ${MODEL_LIST}, got an object`]);
  });

  it('says when the file cannot be read', async () => {
    const error = await configFileError('./no-such-config.yaml');
    expect(error.message).toBe('Invalid config file ./no-such-config.yaml: cannot read ./no-such-config.yaml: no such file');
  });
});
