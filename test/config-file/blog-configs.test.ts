import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { fixture } from './config-files.js';

const KEYS = { OPENAI_API_KEY: 'sk-openai-0123456789', AZURE_API_KEY: 'azure-key-0123456789', ANTHROPIC_API_KEY: 'sk-ant-0123456789' };

describe('the tutorial dialect blog posts write', () => {
  it('reads user_config, key_settings, fallback_mapping, cache_settings, global limits and a weighted_round_robin router', async () => {
    const config = await loadConfig(fixture('blog-user-budgets.yaml'), { env: { ...KEYS, CI_KEY: 'sk-ci-key-0123456789' } });

    expect(config.warnings).toEqual([]);
    expect(config.router.deployments.map(({ id, provider, weight }) => ({ id, provider, weight }))).toEqual([
      { id: 'gpt4-openai', provider: 'openai', weight: 0.3 },
      { id: 'gpt4-azure', provider: 'azure', weight: 0.7 },
      { id: undefined, provider: 'openai', weight: undefined },
    ]);
    const { deployments: _, ...options } = config.router;
    expect(options).toEqual({
      strategy: 'simple-shuffle',
      fallbacks: { 'gpt-4': ['gpt-3.5-turbo'] },
      limits: [{ scope: 'global', rpm: 1000, tpm: 500000 }],
      cache: { ttlMs: 3600000 },
    });
    expect(config.cacheRedis).toEqual({ url: 'redis://localhost:6379' });
    expect(config.redis).toBeUndefined();
    expect(config.users).toEqual([
      { user_id: 'data-team', max_budget: 100, budget_duration: '30d', models: ['gpt-4', 'gpt-3.5-turbo'], rpm_limit: 100, tpm_limit: 200000 },
      { user_id: 'intern', max_budget: 5, budget_duration: '1d', models: ['gpt-3.5-turbo'] },
    ]);
    expect(config.keys).toEqual([
      { key_alias: 'data-team-key', user_id: 'data-team', duration: '30d' },
      { key_alias: 'ci', key: 'sk-ci-key-0123456789', models: ['gpt-3.5-turbo'], max_budget: 10, rpm_limit: 20 },
    ]);
    expect(config.gateway).toEqual({ masterKey: 'sk-blog-master-1234' });
  });

  it('reads fallback_config (a single fallback as a string), rate_limit_config in Redis, a disabled cache and round_robin', async () => {
    const config = await loadConfig(fixture('blog-failover.yaml'), {
      env: { ...KEYS, GROQ_API_KEY: 'gsk-0123456789', REDIS_PASSWORD: 'redis-pass-0123', MASTER_KEY: 'sk-master-0123456789' },
    });

    expect(config.warnings).toEqual([]);
    const { deployments, ...options } = config.router;
    expect(deployments.map((d) => `${d.model}: ${d.provider}/${d.providerModel}`)).toEqual([
      'claude-3-5-sonnet: anthropic/claude-3-5-sonnet-20241022',
      'gpt-4o-mini: openai/gpt-4o-mini',
      'groq-llama: groq/llama-3.3-70b-versatile',
    ]);
    expect(options).toEqual({
      strategy: 'round-robin',
      fallbacks: { 'claude-3-5-sonnet': ['gpt-4o-mini'], 'gpt-4o-mini': ['groq-llama'] },
      limits: [{ scope: 'global', rpm: 600 }],
    });
    expect(config.redis).toEqual({ url: 'redis://:redis-pass-0123@cache.internal:6380', prefix: 'blog-demo:' });
    expect(config.cacheRedis).toBeUndefined();
    expect(config.gateway).toEqual({ masterKey: 'sk-master-0123456789' });
  });

  it('takes a weight by litellm_params.model or model_name too, and says when a weighted model has one deployment', async () => {
    const config = await loadConfig(
      `
model_list:
  - { model_name: chat, litellm_params: { model: mock/a } }
  - { model_name: chat, litellm_params: { model: mock/b } }
  - { model_name: solo, litellm_params: { model: mock/c } }
router:
  type: weighted_round_robin
  weights: { mock/a: 4, mock/b: 1, solo: 2 }
`,
    );
    expect(config.router.deployments.map((d) => d.weight)).toEqual([4, 1, 2]);
    expect(config.warnings).toEqual(["router.weights.solo: model 'solo' has one deployment: weights split a model_name's traffic between its deployments"]);
  });

  it('takes router.type as any strategy name, with underscores', async () => {
    const config = await loadConfig('model_list:\n  - { model_name: chat, litellm_params: { model: mock/a } }\nrouter: { type: least_busy }\n');
    expect(config.router.strategy).toBe('least-busy');
  });
});
