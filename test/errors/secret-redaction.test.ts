import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RouterError, type DeploymentConfig, type RouterCallbacks, type RoutingStrategy } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import type { MockProviderServer, RecordedCall } from '../support/mock-provider-server.js';
import { json, sse, type MockReply } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';

const BEARER_TOKEN = 'gw-bearer-token-0123456789';
const GATEWAY_KEY = 'gw-header-key-9876543210';
const PROJECT = 'project-header-value-42';
/** A query value as written in the base URL, and as the server decodes it. */
const QUERY_KEY = 'query%2Bkey-0123456789';
const QUERY_KEY_DECODED = 'query+key-0123456789';
const TENANT = 'tenant-query-value-7';
const ANTHROPIC_KEY = 'sk-ant-key-0123456789';
const ANTHROPIC_HEADER = 'anthropic-extra-header-31';
const SECRETS = [BEARER_TOKEN, GATEWAY_KEY, PROJECT, QUERY_KEY, QUERY_KEY_DECODED, TENANT, ANTHROPIC_KEY, ANTHROPIC_HEADER];

/** What a careless gateway tells back: every header it was sent and the URL, raw and decoded, in its body and its headers. */
function echoed(call: RecordedCall): string {
  const url = new URL(call.path, 'http://gateway');
  return `rejected ${JSON.stringify(call.headers)} at ${call.path} (query ${JSON.stringify(Object.fromEntries(url.searchParams))})`;
}

const echoReply =
  (status: number) =>
  (call: RecordedCall): MockReply =>
    json({ error: { message: echoed(call), type: 'echo' } }, status, {
      'x-echo-authorization': String(call.headers.authorization),
      'x-echo-url': call.path,
      'x-echo-key': String(call.headers['x-gateway-key'] ?? call.headers['x-api-key']),
    });

const gatewayDeployment = (server: MockProviderServer, extra: Partial<DeploymentConfig> = {}): DeploymentConfig => ({
  id: 'gateway',
  model: 'gw',
  provider: 'openai-compatible',
  baseUrl: `${server.url}?api_key=${QUERY_KEY}&tenant=${TENANT}`,
  headers: { Authorization: `Bearer ${BEARER_TOKEN}`, 'x-gateway-key': GATEWAY_KEY, 'x-project': PROJECT },
  pricing: { inputPerMTok: 0, outputPerMTok: 0 },
  ...extra,
});

const anthropicDeployment = (server: MockProviderServer): DeploymentConfig => ({
  id: 'claude',
  model: 'claude',
  provider: 'anthropic',
  providerModel: 'claude-sonnet-4-5',
  apiKey: ANTHROPIC_KEY,
  baseUrl: server.origin,
  headers: { 'x-extra': ANTHROPIC_HEADER },
});

/** Every event the router emits, by hook, through the callbacks API (a new hook fails to compile here until it is recorded). */
function allEvents() {
  const seen: Array<[string, unknown]> = [];
  const hook =
    (name: string) =>
    (event: unknown): void =>
      void seen.push([name, event]);
  const callbacks: Required<RouterCallbacks> = {
    onRequest: hook('request'),
    onSuccess: hook('success'),
    onFailure: hook('failure'),
    onWarning: hook('warning'),
    onRetry: hook('retry'),
    onFallback: hook('fallback'),
    onCooldown: hook('cooldown'),
    onRecovered: hook('recovered'),
    onBudgetWarning: hook('budget-warning'),
    onBudgetExceeded: hook('budget-exceeded'),
    onState: hook('state'),
    onCacheHit: hook('cache-hit'),
  };
  return { seen, callbacks };
}

/** Everything inspection shows of a value: errors with their stacks, causes, bodies and headers, nested to the end. */
const shown = (value: unknown) => inspect(value, { depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity, breakLength: Infinity });

function expectNoSecret(value: unknown) {
  const text = shown(value);
  for (const secret of SECRETS) expect(text, `shows ${secret}`).not.toContain(secret);
}

const fastRetries = { max: 1, minDelayMs: 0, maxDelayMs: 0 };

describe('secrets outside apiKey', () => {
  it('never shows header values or base URL query values in errors or events, when a provider echoes them', async () => {
    const gateway = await mockServer(echoReply(500));
    const claude = await mockServer(echoReply(401));
    const { seen, callbacks } = allEvents();
    const router = testRouter({
      deployments: [gatewayDeployment(gateway), anthropicDeployment(claude)],
      fallbacks: { gw: ['claude'] },
      retries: fastRetries,
      callbacks: [callbacks],
    });

    const error = await rejectionOf(router.completion({ model: 'gw', messages: hi }));

    expect(error).toBeInstanceOf(RouterError);
    expect(gateway.calls).toHaveLength(2);
    expect(claude.calls).toHaveLength(1);
    expect(new Set(seen.map(([name]) => name))).toEqual(new Set(['request', 'retry', 'fallback', 'cooldown', 'failure']));
    const gatewayError = seen.find(([name]) => name === 'fallback')?.[1] as { error: RouterError };
    // What was echoed is kept, the secrets in it redacted.
    expect(gatewayError.error.message).toContain('[redacted]');
    expect(gatewayError.error.headers).toMatchObject({ 'x-echo-authorization': '[redacted]', 'x-echo-key': '[redacted]' });
    expect(gatewayError.error.headers?.['x-echo-url']).toBe('/v1/chat/completions?api_key=[redacted]&tenant=[redacted]');
    expect((error as RouterError).headers).toMatchObject({ 'x-echo-key': '[redacted]' });
    expectNoSecret(error);
    expectNoSecret((error as Error).stack);
    expectNoSecret(seen);
  });

  it('redacts them from a streamed call refused with a status, and from an error sent inside the stream', async () => {
    const server = await mockServer(echoReply(403));
    server.reply(echoReply(403), (call) => sse([{ error: { message: echoed(call), type: 'server_error', code: 'server_error' } }]));
    const { seen, callbacks } = allEvents();
    const deployments = [gatewayDeployment(server), gatewayDeployment(server, { id: 'gateway-2', model: 'gw2' })];
    const router = testRouter({ deployments, retries: 0, callbacks: [callbacks] });

    const refused = await rejectionOf(router.completion({ model: 'gw', messages: hi, stream: true }));
    const broken = await rejectionOf(
      (async () => {
        for await (const chunk of await router.completion({ model: 'gw2', messages: hi, stream: true })) void chunk;
      })(),
    );

    expect([refused, broken].map((e) => e instanceof RouterError && e.message.includes('[redacted]'))).toEqual([true, true]);
    expectNoSecret([refused, broken, (refused as Error).stack, (broken as Error).stack]);
    expect(seen.filter(([name]) => name === 'failure')).toHaveLength(2);
    expectNoSecret(seen);
  });

  it('lists deployments, their health and what a strategy sees without them, while requests carry them', async () => {
    const server = await mockServer(json({}, 500));
    let candidates: unknown;
    const strategy: RoutingStrategy = {
      name: 'first',
      pick: (offered) => {
        candidates = shown(offered);
        return offered[0]!;
      },
    };
    const router = testRouter({ deployments: [gatewayDeployment(server)], retries: 0, strategy });
    await rejectionOf(router.completion({ model: 'gw', messages: hi }));

    expect(router.deployments()[0]).toMatchObject({
      baseUrl: `${server.url}?api_key=[redacted]&tenant=[redacted]`,
      headers: { Authorization: '[redacted]', 'x-gateway-key': '[redacted]', 'x-project': '[redacted]' },
    });
    expectNoSecret([router.deployments(), JSON.stringify(router.deployments()), router.health(), JSON.stringify(router), router, candidates]);
    // The provider still gets every one of them.
    expect(server.calls[0]).toMatchObject({
      path: `/v1/chat/completions?api_key=${QUERY_KEY}&tenant=${TENANT}`,
      headers: { authorization: `Bearer ${BEARER_TOKEN}`, 'x-gateway-key': GATEWAY_KEY, 'x-project': PROJECT },
    });
  });
});
