import { describe, expect, it, onTestFinished } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RedisStateStore } from 'switchyard/redis';
import { describeIf } from '../../support/redis/gated-describe.js';
import { RedisServerProcess, redisServerInstalled } from '../../support/redis/redis-server-process.js';
import { chatBody, gatewayOnMock, MASTER_KEY, postJson, PROVIDER_KEY } from '../../support/gateway/gateway-on-mock.js';

const auth = { authorization: `Bearer ${MASTER_KEY}` };
const describeWithRedisServer = describeIf(redisServerInstalled(), 'redis-server is not installed: skipped outside CI (apt-get install redis-server)');

describe('health routes', () => {
  it("/health reports the deployments' circuits to a key, without any key in it", async () => {
    const { url } = await gatewayOnMock();

    const answer = await fetch(`${url}/health`, { headers: auth });
    const refused = await fetch(`${url}/health`);

    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(JSON.parse(text)).toMatchObject({ healthy_count: 2, unhealthy_count: 0, unhealthy_endpoints: [] });
    expect(JSON.parse(text).healthy_endpoints[0]).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai', state: 'closed' });
    expect(text).not.toContain(PROVIDER_KEY);
    expect(refused.status).toBe(401);
  });

  it('/health/liveliness and /health/readiness answer without a key', async () => {
    const { url } = await gatewayOnMock();

    const alive = await fetch(`${url}/health/liveliness`);
    const ready = await fetch(`${url}/health/readiness`);

    expect([alive.status, await alive.json()]).toEqual([200, "I'm alive!"]);
    const readiness = (await ready.json()) as { status: string; checks: Record<string, string> };
    expect([ready.status, readiness.status, readiness.checks.state]).toEqual([200, 'ready', 'ok']);
    expect(Object.values(readiness.checks).every((result) => result === 'ok')).toBe(true);
  });

  it('/metrics serves the router metrics to the master key only, counting from the first scrape', async () => {
    const { url } = await gatewayOnMock();
    await postJson(`${url}/v1/chat/completions`, chatBody());

    const first = await fetch(`${url}/metrics`, { headers: auth });
    await postJson(`${url}/v1/chat/completions`, chatBody());
    const second = await fetch(`${url}/metrics`, { headers: auth });
    const refused = await fetch(`${url}/metrics`);

    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/plain');
    expect(await first.text()).not.toMatch(/switchyard_requests_total\{/);
    expect(await second.text()).toMatch(/switchyard_requests_total\{[^}]*model="gpt-4o-mini"[^}]*\} 1/);
    expect(refused.status).toBe(401);
  });

  it('/metrics answers without a key with metricsOpen, and not at all with metrics: false', async () => {
    const open = await gatewayOnMock({ gateway: { metricsOpen: true } });
    const off = await gatewayOnMock({ gateway: { metrics: false } });

    expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${off.url}/metrics`, { headers: auth })).status).toBe(404);
  });
});

describeWithRedisServer('/health/readiness on a Redis state store', () => {
  it('answers 503 while Redis does not, and 200 once it is back', async () => {
    const redis = await RedisServerProcess.start();
    onTestFinished(() => redis.stop());
    const store = await RedisStateStore.connect({ redis: redis.url, prefix: `gateway-readiness-${randomUUID()}:`, commandTimeoutMs: 100 });
    onTestFinished(() => store.close());
    const { url } = await gatewayOnMock({ router: { state: store } });
    const readiness = async () => {
      const answer = await fetch(`${url}/health/readiness`);
      return { status: answer.status, body: (await answer.json()) as { checks: Record<string, string> } };
    };
    expect((await readiness()).status).toBe(200);

    await redis.kill();
    await expect.poll(async () => (await readiness()).status, { timeout: 10_000, interval: 50 }).toBe(503);
    expect((await readiness()).body.checks.state).toContain('the shared state store does not answer');

    await redis.restart();
    await expect.poll(async () => (await readiness()).status, { timeout: 10_000, interval: 50 }).toBe(200);
  });
});
