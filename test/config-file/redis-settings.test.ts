import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configFileError, issueLines } from './config-files.js';

const MODELS = 'model_list:\n  - { model_name: a, litellm_params: { model: mock/a } }\n';

describe('Redis in a config file', () => {
  it('is the shared state store when router_settings names one, from a URL or host, port and password', async () => {
    const fromUrl = await loadConfig(`${MODELS}router_settings: { redis_url: "rediss://:pw@redis.example:6380", redis_prefix: "app:" }\n`);
    expect(fromUrl.redis).toEqual({ url: 'rediss://:pw@redis.example:6380', prefix: 'app:' });

    const fromHost = await loadConfig(`${MODELS}router_settings: { redis_host: "::1", redis_password: "p@ss word" }\n`, { env: { REDIS_PORT: '6390' } });
    expect(fromHost.redis).toEqual({ url: 'redis://:p%40ss%20word@[::1]:6390' });
    expect(fromHost.cacheRedis).toBeUndefined();
  });

  it("is the response cache's store for a redis cache, from REDIS_HOST when cache_params names no server", async () => {
    const config = await loadConfig(`${MODELS}litellm_settings:\n  cache: true\n  cache_params: { ssl: true }\n`, {
      env: { REDIS_HOST: 'cache.internal', REDIS_PASSWORD: 'secret-pass' },
    });
    expect(config.cacheRedis).toEqual({ url: 'rediss://:secret-pass@cache.internal:6379' });
    expect(config.router.cache).toEqual({});
    expect(config.redis).toBeUndefined();
  });

  it('with router_settings.cache_responses, caches in the Redis of router_settings', async () => {
    const config = await loadConfig(`${MODELS}router_settings: { redis_host: localhost, cache_responses: true }\n`);
    expect(config.redis).toEqual({ url: 'redis://localhost:6379' });
    expect(config.cacheRedis).toEqual({ url: 'redis://localhost:6379' });
    expect(config.router.cache).toEqual({});
  });

  it('is named by router_settings before rate_limit_config, saying so', async () => {
    const config = await loadConfig(`${MODELS}router_settings: { redis_host: primary }\nrate_limit_config: { storage: redis, redis_host: other }\n`);
    expect(config.redis).toEqual({ url: 'redis://primary:6379' });
    expect(config.warnings).toEqual(['rate_limit_config.redis_host: overridden by router_settings.redis_host']);
  });

  it('checks the URL, port and prefix', async () => {
    const error = await configFileError(
      `${MODELS}router_settings: { redis_url: "http://user:pw@redis:6379", redis_prefix: "{app}" }\nrate_limit_config: { redis_host: h, redis_port: 70000 }\n`,
    );
    expect(issueLines(error)).toEqual([
      'router_settings.redis_prefix: expected a prefix without braces, such as myapp:, got "{app}"',
      'router_settings.redis_url: expected a redis:// or rediss:// URL such as redis://localhost:6379',
      'rate_limit_config.redis_port: expected a port from 1 to 65535, got 70000',
    ]);
  });
});
