import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('keys switchyard does not use', () => {
  it('are warnings naming each key and its path, never dropped silently', async () => {
    const config = await loadConfig(
      `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: sk-openai-0123456789
      rmp: 60
      num_retries: 4
      vertex_project: my-project
    model_info:
      access_groups: [beta]
      supports_vision: true
    tags: [eu]
router_settings:
  routing_strategy_args: { ttl: 60, max_latency_list_size: 20 }
  allowed_fails_policy: { RateLimitErrorAllowedFails: 100 }
litellm_settings:
  set_verbose: true
  success_callback: [langfuse, prometheus]
  cache: true
  cache_params: { type: local, max_connections: 100 }
general_settings:
  alerting: [slack]
user_config:
  - user_id: alice
    teams: [research]
include: [more_models.yaml]
`,
      { env: {} },
    );

    expect(config.warnings).toEqual([
      'include: not supported: the files it names are not read; put their sections in this file',
      "model_list[0].litellm_params.rmp: not used by switchyard (did you mean 'rpm'?)",
      'model_list[0].litellm_params.num_retries: not used by switchyard',
      'model_list[0].litellm_params.vertex_project: not used by switchyard',
      'model_list[0].model_info.access_groups: not used by switchyard',
      'model_list[0].tags: not used by switchyard',
      'router_settings.routing_strategy_args.max_latency_list_size: not used by switchyard',
      'router_settings.allowed_fails_policy: not used by switchyard',
      'litellm_settings.set_verbose: not used by switchyard',
      "litellm_settings.success_callback[0]: 'langfuse' is not built into switchyard (prometheus and otel are): " +
        "send calls there from the router's events, router.on('success', …)",
      'litellm_settings.cache_params.max_connections: not used by switchyard',
      'general_settings.alerting: not used by switchyard',
      'user_config[0].teams: not used by switchyard',
    ]);
    expect(config.router.strategyOptions).toEqual({ latencyTtlMs: 60000 });
    expect(config.observability.prometheus).toBe(true);
  });

  it('says which of two settings for the same thing is used', async () => {
    const config = await loadConfig(
      `
model_list:
  - { model_name: a, litellm_params: { model: mock/a } }
  - { model_name: b, litellm_params: { model: mock/b } }
router_settings:
  num_retries: 3
  fallbacks: [{ a: [b] }]
litellm_settings:
  num_retries: 1
  request_timeout: 30
  fallbacks: [{ a: [b] }]
fallback_mapping:
  a: [b, b]
`,
    );
    expect(config.warnings).toEqual([
      'litellm_settings.num_retries: overridden by router_settings.num_retries',
      'fallback_mapping.a: overridden by router_settings.fallbacks[0].a',
    ]);
    expect(config.router).toMatchObject({ retries: { max: 3 }, timeoutMs: 30000, fallbacks: { a: ['b'] } });
  });

  it('warns about settings that do not apply to the deployment they are on, and leaves out modes switchyard does not serve', async () => {
    const config = await loadConfig(
      `
model_list:
  - model_name: chat
    litellm_params:
      model: anthropic/claude-3-5-haiku-20241022
      api_key: sk-ant-0123456789
      api_version: "2024-10-21"
      aws_region_name: us-east-1
      temperature: 0.2
  - model_name: whisper
    litellm_params: { model: openai/whisper-1, api_key: sk-openai-0123456789 }
    model_info: { mode: audio_transcription }
  - model_name: chat
    litellm_params: { model: mock/chat, stream_timeout: 10 }
  - model_name: chat
    litellm_params: { model: mock/chat2, stream_timeout: 30 }
    model_info: { max_tokens: 4096 }
`,
    );
    expect(config.warnings).toEqual([
      'model_list[0].litellm_params.api_version: used only by azure/ deployments, not by anthropic ones',
      'model_list[0].litellm_params.aws_region_name: used only by bedrock/ deployments, not by anthropic ones',
      'model_list[0].litellm_params.temperature: not sent by default to anthropic deployments: send it with each request',
      "model_list[1].model_info.mode: mode 'audio_transcription' is not served by switchyard (chat and embedding are): this deployment is left out",
      'model_list[3].model_info.max_tokens: not used: LiteLLM uses it for either limit; write max_input_tokens or max_output_tokens',
      "model_list[3].litellm_params.stream_timeout: switchyard's stream idle limit is one for the router: " +
        'the longest stream_timeout (30 s) applies to every deployment',
    ]);
    expect(config.router.deployments.map((d) => d.providerModel)).toEqual(['claude-3-5-haiku-20241022', 'chat', 'chat2']);
    expect(config.router.streamIdleTimeoutMs).toBe(30000);
  });

  it('warns about cache_params without cache: true, and about settings of another cache type', async () => {
    const config = await loadConfig(
      `
model_list:
  - { model_name: a, litellm_params: { model: mock/a } }
litellm_settings:
  cache_params: { type: redis, host: localhost }
cache_settings:
  type: local
  similarity_threshold: 0.9
  host: localhost
`,
    );
    expect(config.warnings).toEqual([
      'litellm_settings.cache_params: not used without cache: true',
      'cache_settings.similarity_threshold: used only by a redis-semantic cache',
      'cache_settings.host: used only by a redis cache',
    ]);
    expect(config.router.cache).toEqual({});
    expect(config.cacheRedis).toBeUndefined();
  });
});
