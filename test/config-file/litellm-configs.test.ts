import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { loadConfig } from '../../src/config.js';
import { fixture } from './config-files.js';

const PROXY_ENV = {
  AZURE_API_BASE: 'https://example-eu.openai.azure.com',
  AZURE_API_KEY: 'azure-key-0123456789',
  OPENAI_API_KEY: 'sk-openai-0123456789',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE0123',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-0123456789',
  VLLM_HOST: 'gpu-box:8000',
  VLLM_KEY: 'vllm-key-0123456789',
  REDIS_PASSWORD: 'redis-pass/0123',
  LITELLM_MASTER_KEY: 'sk-master-0123456789',
  DATABASE_URL: 'postgresql://llm:db-pass@db.internal:5432/llm',
};

describe("LiteLLM's documented config style", () => {
  it('reads a proxy config with Azure, OpenAI, Bedrock, Ollama and OpenAI-compatible deployments without a warning', async () => {
    const config = await loadConfig(fixture('litellm-proxy.yaml'), { env: PROXY_ENV });

    expect(config.warnings).toEqual([]);
    expect(config.router.deployments).toEqual([
      {
        model: 'gpt-4o',
        provider: 'azure',
        providerModel: 'gpt-4o-eu',
        id: 'azure-eu',
        apiKey: 'azure-key-0123456789',
        baseUrl: 'https://example-eu.openai.azure.com',
        rpm: 900,
        tpm: 150000,
        baseModel: 'gpt-4o',
        params: { apiVersion: '2024-10-21' },
      },
      {
        model: 'gpt-4o',
        provider: 'openai',
        providerModel: 'gpt-4o',
        id: 'openai-direct',
        apiKey: 'sk-openai-0123456789',
        rpm: 500,
        timeoutMs: 45000,
        maxConcurrency: 50,
      },
      {
        model: 'claude-sonnet',
        provider: 'bedrock',
        providerModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        maxInputTokens: 200000,
        params: { accessKeyId: 'AKIAEXAMPLE0123', secretAccessKey: 'aws-secret-0123456789', region: 'us-west-2' },
        pricing: { inputPerMTok: 3, outputPerMTok: 15 },
      },
      { model: 'llama3', provider: 'ollama', providerModel: 'llama3.1', baseUrl: 'http://ollama.internal:11434/v1' },
      {
        model: 'qwen',
        provider: 'openai-compatible',
        providerModel: 'Qwen/Qwen2.5-72B-Instruct',
        baseUrl: 'http://gpu-box:8000/v1',
        apiKey: 'vllm-key-0123456789',
        priority: 1,
      },
      {
        model: 'qwen',
        provider: 'vllm',
        providerModel: 'Qwen/Qwen2.5-72B-Instruct',
        baseUrl: 'http://vllm-backup.internal:8000/v1',
        priority: 2,
      },
      {
        model: 'text-embedding',
        provider: 'azure',
        providerModel: 'text-embedding-3-small',
        apiKey: 'azure-key-0123456789',
        baseUrl: 'https://example-eu.openai.azure.com',
      },
    ]);
    const { deployments, ...options } = config.router;
    expect(deployments).toHaveLength(7);
    expect(options).toEqual({
      strategy: 'usage',
      timeoutMs: 60000,
      streamIdleTimeoutMs: 20000,
      retries: { max: 3, minDelayMs: 2000 },
      cooldown: { allowedFails: 2, cooldownMs: 30000 },
      fallbacks: { 'gpt-4o': ['claude-sonnet'] },
      contextWindowFallbacks: { 'gpt-4o': ['claude-sonnet'] },
      contentPolicyFallbacks: { 'gpt-4o': ['llama3'] },
      cache: { ttlMs: 600000 },
    });
    expect(config.redis).toEqual({ url: 'redis://:redis-pass%2F0123@redis.internal:6379' });
    expect(config.cacheRedis).toEqual({ url: 'redis://:redis-pass%2F0123@redis.internal:6379', prefix: 'litellm.caching:' });
    expect(config.gateway).toEqual({
      masterKey: 'sk-master-0123456789',
      database: 'postgresql://llm:db-pass@db.internal:5432/llm',
      metrics: true,
    });
    expect(config.gatewayMaxParallelRequests).toBe(200);
    expect(config.observability).toEqual({ prometheus: true, otel: true, jsonLogs: false });
    expect(config.environmentVariables).toEqual({ REDIS_HOST: 'redis.internal', REDIS_PORT: '6379' });
    expect(config).toMatchObject({ users: [], keys: [] });
  });

  it('builds a router from those options', async () => {
    const config = await loadConfig(fixture('litellm-proxy.yaml'), { env: PROXY_ENV });
    const router = new Router(config.router);
    try {
      expect(router.deployments().map((d) => `${d.model} ${d.provider} ${d.providerModel}`)).toEqual([
        'gpt-4o azure gpt-4o-eu',
        'gpt-4o openai gpt-4o',
        'claude-sonnet bedrock anthropic.claude-3-5-sonnet-20240620-v1:0',
        'llama3 ollama llama3.1',
        'qwen openai-compatible Qwen/Qwen2.5-72B-Instruct',
        'qwen vllm Qwen/Qwen2.5-72B-Instruct',
        'text-embedding azure text-embedding-3-small',
      ]);
    } finally {
      await router.close();
    }
  });

  it('reads retries, timeouts and fallbacks from litellm_settings, bare model names, a semantic cache and budgets', async () => {
    const config = await loadConfig(fixture('litellm-reliability.yaml'), {
      env: { OPENAI_API_KEY: 'sk-openai-0123456789', ANTHROPIC_API_KEY: 'sk-ant-0123456789', GROQ_API_KEY: 'gsk-0123456789' },
    });

    expect(config.warnings).toEqual([]);
    expect(config.router.deployments).toEqual([
      { model: 'gpt-3.5-turbo', provider: 'openai', providerModel: 'gpt-3.5-turbo', apiKey: 'sk-openai-0123456789', rpm: 200 },
      { model: 'claude-3-haiku', provider: 'anthropic', providerModel: 'claude-3-haiku-20240307', apiKey: 'sk-ant-0123456789', maxOutputTokens: 1024 },
      { model: 'groq-llama', provider: 'groq', providerModel: 'llama-3.1-8b-instant', apiKey: 'gsk-0123456789', tpm: 30000 },
      { model: 'embedder', provider: 'openai', providerModel: 'text-embedding-3-small', apiKey: 'sk-openai-0123456789' },
    ]);
    const { deployments: _, ...options } = config.router;
    expect(options).toEqual({
      strategy: 'simple-shuffle',
      timeoutMs: 10000,
      retries: { max: 3 },
      cooldown: { allowedFails: 3 },
      defaultFallbacks: ['claude-3-haiku'],
      fallbacks: { 'groq-llama': ['gpt-3.5-turbo', 'claude-3-haiku'] },
      contextWindowFallbacks: { 'gpt-3.5-turbo': ['claude-3-haiku'] },
      aliases: { 'gpt-4': 'gpt-3.5-turbo' },
      budgets: [
        { scope: 'provider', id: 'openai', maxUsd: 50, period: '1d' },
        { scope: 'global', maxUsd: 100, period: '30d' },
      ],
      cache: { semantic: { embeddingModel: 'embedder', threshold: 0.9 } },
    });
    expect(config.cacheRedis).toEqual({ url: 'redis://localhost:6379' });
    expect(config.redis).toBeUndefined();
  });

  it('reads the rest of router_settings and the deployment fields LiteLLM documents', async () => {
    const config = await loadConfig(
      `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: sk-openai-0123456789
      organization: org-123
      extra_headers: { x-team: search }
      tags: [eu, default]
      temperature: 0.2
      seed: 7
    model_info:
      input_cost_per_token: 0.0000025
      output_cost_per_token: 0.00001
      cache_read_input_token_cost: 0.00000125
      max_output_tokens: 16384
  - model_name: fallback
    litellm_params: { model: mock/fallback, mock_response: "from the mock", max_parallel_requests: 2 }
router_settings:
  routing_strategy: cost-based-routing
  routing_strategy_args: { ttl: 120, lowest_latency_buffer: 0.5 }
  retry_policy: { RateLimitErrorRetries: 4, TimeoutErrorRetries: 0 }
  cooldown_time: 0
  max_fallbacks: 2
  default_fallbacks: [fallback]
  stream_timeout: 15
  default_max_parallel_requests: 8
  model_group_alias: { fast: { model: gpt-4o, hidden: true } }
`,
    );
    expect(config.warnings).toEqual([]);
    expect(config.router).toEqual({
      deployments: [
        {
          model: 'gpt-4o',
          provider: 'openai',
          providerModel: 'gpt-4o',
          apiKey: 'sk-openai-0123456789',
          tags: ['eu', 'default'],
          maxOutputTokens: 16384,
          maxConcurrency: 8,
          headers: { 'OpenAI-Organization': 'org-123', 'x-team': 'search' },
          params: { temperature: 0.2, seed: 7 },
          pricing: { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 },
        },
        { model: 'fallback', provider: 'mock', providerModel: 'fallback', maxConcurrency: 2, params: { content: 'from the mock' } },
      ],
      strategy: 'cost',
      strategyOptions: { latencyTtlMs: 120000, latencyBuffer: 0.5 },
      retries: { byError: { RateLimitError: 4, TimeoutError: 0 } },
      cooldown: { disabled: true },
      maxFallbacks: 2,
      defaultFallbacks: ['fallback'],
      streamIdleTimeoutMs: 15000,
      aliases: { fast: 'gpt-4o' },
    });
  });

  it("reads the gateway's settings from general_settings and litellm_settings", async () => {
    const config = await loadConfig(
      `
model_list:
  - { model_name: a, litellm_params: { model: mock/a } }
litellm_settings:
  json_logs: true
  require_auth_for_metrics_endpoint: false
general_settings:
  master_key: sk-master-0123456789
  database_url: sqlite:./switchyard.db
  max_request_size_mb: 8
  proxy_batch_write_at: 2
  table_prefix: llm_
  key_refresh_ms: 1000
  base_path: /api/llm
`,
    );
    expect(config.warnings).toEqual([]);
    expect(config.gateway).toEqual({
      masterKey: 'sk-master-0123456789',
      database: 'sqlite:./switchyard.db',
      maxBodyBytes: 8 * 1024 * 1024,
      spendLogFlushMs: 2000,
      tablePrefix: 'llm_',
      keyRefreshMs: 1000,
      basePath: '/api/llm',
      metricsOpen: true,
    });
    expect(config.observability).toEqual({ prometheus: false, otel: false, jsonLogs: true });
  });

  it("reads PyYAML's yes, no, on and off as booleans, as LiteLLM does", async () => {
    const config = await loadConfig(`
model_list:
  - { model_name: a, litellm_params: { model: mock/a } }
router_settings: { disable_cooldowns: on, enable_pre_call_checks: no }
litellm_settings: { cache: yes, drop_params: True }
`);
    expect(config.warnings).toEqual([]);
    expect(config.router).toMatchObject({ cooldown: { disabled: true }, cache: {} });
  });
});
