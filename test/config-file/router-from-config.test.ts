import { describe, expect, it, vi } from 'vitest';
import { MemoryStateStore, Router } from 'switchyard';
import { RedisCacheStore, RedisStateStore } from 'switchyard/redis';
import { createGateway } from 'switchyard/server';
import { loadConfig, routerFromConfig } from '../../src/config.js';
import { afterThisTest } from '../support/after-this-test.js';
import { failing, ok } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../support/redis/redis-gate.js';
import { fixture } from './config-files.js';

const describeRedis = await redisDescribe();

const messages = [{ role: 'user' as const, content: 'hi' }];

async function servedRouter(azureReply = ok('from azure')) {
  const azure = await mockServer(azureReply);
  const backup = await mockServer(ok('from backup'));
  const env = { AZURE_BASE: azure.origin, AZURE_KEY: 'azure-key-0123456789', BACKUP_BASE: backup.origin, BACKUP_KEY: 'backup-key-0123456789' };
  const router = await routerFromConfig(fixture('mock-servers.yaml'), { env });
  afterThisTest(() => router.close());
  return { router, azure, backup };
}

describe('routerFromConfig', () => {
  it('routes a call to the Azure deployment the file describes, at its path with its key and api-version', async () => {
    const { router, azure, backup } = await servedRouter();

    const answer = await router.completion({ model: 'chat', messages });

    expect(router).toBeInstanceOf(Router);
    expect(answer.choices[0]?.message.content).toBe('from azure');
    expect(azure.calls).toHaveLength(1);
    expect(azure.calls[0]?.path).toBe('/openai/deployments/chat-deployment/chat/completions?api-version=2024-10-21');
    expect(azure.calls[0]?.headers['api-key']).toBe('azure-key-0123456789');
    expect(backup.calls).toHaveLength(0);
  });

  it("falls back as the file's router_settings.fallbacks say, to the OpenAI-compatible server with its own key", async () => {
    const { router, azure, backup } = await servedRouter(failing(500));

    const answer = await router.completion({ model: 'chat', messages });

    expect(answer.choices[0]?.message.content).toBe('from backup');
    expect(azure.calls).toHaveLength(1);
    expect(backup.calls[0]?.path).toBe('/v1/chat/completions');
    expect(backup.calls[0]?.headers.authorization).toBe('Bearer backup-key-0123456789');
    expect(backup.calls[0]?.body).toMatchObject({ model: 'llama-3.1-8b' });
  });

  it("hands the file's warnings to onWarning, and takes what loadConfig returned", async () => {
    const text = 'model_list:\n  - model_name: chat\n    litellm_params: { model: mock/chat, mock_response: hello }\nlitellm_settings:\n  set_verbose: true\n';
    const heard: string[] = [];
    const router = await routerFromConfig(text, { onWarning: (message) => heard.push(message) });
    afterThisTest(() => router.close());
    expect(heard).toEqual(['litellm_settings.set_verbose: not used by switchyard']);
    expect((await router.completion({ model: 'chat', messages })).choices[0]?.message.content).toBe('hello');

    const again = await routerFromConfig(await loadConfig(text), { onWarning: (message) => heard.push(message) });
    afterThisTest(() => again.close());
    expect(heard).toHaveLength(1);
    expect((await again.completion({ model: 'chat', messages })).choices[0]?.message.content).toBe('hello');
  });

  it('uses the state store given in overrides instead of connecting the Redis the file names', async () => {
    const text = 'model_list:\n  - model_name: chat\n    litellm_params: { model: mock/chat }\nrouter_settings:\n  redis_url: redis://127.0.0.1:1\n';
    const state = new MemoryStateStore();
    const router = await routerFromConfig(text, { overrides: { state, random: () => 0 } });
    afterThisTest(() => router.close());
    await expect(router.completion({ model: 'chat', messages })).resolves.toMatchObject({ object: 'chat.completion' });
  });
});

describe("the file's gateway settings", () => {
  it("are createGateway's options, and the gateway serves the file's models", async () => {
    const text = `
model_list:
  - { model_name: chat, litellm_params: { model: mock/chat, mock_response: "through the gateway" } }
general_settings:
  master_key: sk-master-0123456789
  max_request_size_mb: 1
  table_prefix: config_test_
  key_refresh_ms: 1000
  spend_log_flush_ms: 50
litellm_settings:
  require_auth_for_metrics_endpoint: true
`;
    const config = await loadConfig(text);
    const router = await routerFromConfig(config);
    afterThisTest(() => router.close());
    const gateway = await createGateway({ router, masterKey: config.gateway.masterKey as string, ...config.gateway });
    afterThisTest(() => gateway.close());

    const response = await gateway.fetch(
      new Request('http://gateway.test/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: 'Bearer sk-master-0123456789', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'chat', messages }),
      }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('through the gateway');
  });
});

describeRedis('routerFromConfig with Redis', () => {
  it("connects the file's shared state and Redis cache, and its close() closes both", async () => {
    const statePrefix = uniquePrefix('config-state');
    const cachePrefix = uniquePrefix('config-cache').slice(0, -1);
    afterThisTest(async () => {
      await deleteKeys(REDIS_URL, `{${statePrefix}}*`);
      await deleteKeys(REDIS_URL, `{${cachePrefix}:}*`);
    });
    const text = [
      'model_list:',
      '  - model_name: chat',
      '    litellm_params: { model: mock/chat, mock_response: cached answer, rpm: 100 }',
      'router_settings:',
      '  redis_url: ${REDIS_URL}',
      `  redis_prefix: "${statePrefix}"`,
      'litellm_settings:',
      '  cache: true',
      `  cache_params: { type: redis, url: "\${REDIS_URL}", namespace: "${cachePrefix}", ttl: 60 }`,
    ].join('\n');
    const stateClose = vi.spyOn(RedisStateStore.prototype, 'close');
    const cacheClose = vi.spyOn(RedisCacheStore.prototype, 'close');
    afterThisTest(() => void vi.restoreAllMocks());

    const router = await routerFromConfig(text, { env: { REDIS_URL } });
    const hits: boolean[] = [];
    router.on('success', (event) => hits.push(event.cacheHit));
    await router.completion({ model: 'chat', messages });
    await router.completion({ model: 'chat', messages });
    await Promise.all([router.close(), router.close()]);

    expect(hits).toEqual([false, true]);
    expect(await deleteKeys(REDIS_URL, `{${cachePrefix}:}cache:*`)).toBe(1);
    expect(await deleteKeys(REDIS_URL, `{${statePrefix}}c:deployment-rpm:*`)).toBe(1);
    expect(stateClose).toHaveBeenCalledTimes(1);
    expect(cacheClose).toHaveBeenCalledTimes(1);
  });
});
