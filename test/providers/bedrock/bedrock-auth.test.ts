import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router, type DeploymentConfig } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';

const AWS_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_BEARER_TOKEN_BEDROCK'];
const converseAnswer = json({
  output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 3, outputTokens: 1 },
});
const nova = (server: MockProviderServer, extra: Partial<DeploymentConfig> = {}): DeploymentConfig => ({
  model: 'nova',
  provider: 'bedrock',
  providerModel: 'amazon.nova-lite-v1:0',
  baseUrl: server.origin,
  ...extra,
});

/** The Authorization and session-token headers of the one call a router on a Converse mock server made. */
async function signedWith(deployment: (server: MockProviderServer) => DeploymentConfig) {
  const { server, router } = await routerOnMockServer(converseAnswer, deployment, { retries: 0 });
  await router.completion({ model: 'nova', messages: hi });
  const headers = server.calls[0]?.headers ?? {};
  return { authorization: headers.authorization, sessionToken: headers['x-amz-security-token'] };
}

describe('bedrock credentials from the environment', () => {
  beforeEach(() => {
    for (const name of AWS_VARIABLES) vi.stubEnv(name, undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('signs with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, scoped to AWS_REGION', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env/secret/EXAMPLEKEY');
    vi.stubEnv('AWS_SESSION_TOKEN', 'env-session-token');
    vi.stubEnv('AWS_REGION', 'ap-northeast-1');
    const { authorization, sessionToken } = await signedWith(nova);
    const credential = /Credential=AKIAENVEXAMPLE\/\d{8}\/ap-northeast-1\/bedrock\/aws4_request/.source;
    expect(authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 ${credential}, SignedHeaders=[^,]*x-amz-security-token[^,]*, Signature=[0-9a-f]{64}$`));
    expect(sessionToken).toBe('env-session-token');
  });

  it("scopes to AWS_DEFAULT_REGION without AWS_REGION; a deployment's params beat the environment", async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env/secret/EXAMPLEKEY');
    vi.stubEnv('AWS_DEFAULT_REGION', 'eu-central-1');
    expect((await signedWith(nova)).authorization).toMatch(/Credential=AKIAENVEXAMPLE\/\d{8}\/eu-central-1\/bedrock\/aws4_request/);

    const own = { accessKeyId: 'AKIAPARAMSEXAMPLE', secretAccessKey: 'params/secret/EXAMPLEKEY', region: 'us-west-2' };
    const signed = await signedWith((server) => nova(server, { params: own }));
    expect(signed.authorization).toMatch(/Credential=AKIAPARAMSEXAMPLE\/\d{8}\/us-west-2\/bedrock\/aws4_request/);
    expect(signed.sessionToken).toBeUndefined();
  });

  it('takes the default base URL from the region: params.region, else AWS_REGION, else AWS_DEFAULT_REGION', () => {
    const baseUrlWith = (params?: Record<string, string>) =>
      new Router({ deployments: [{ model: 'nova', provider: 'bedrock', providerModel: 'amazon.nova-lite-v1:0', ...(params && { params }) }] }).deployments()[0]
        ?.baseUrl;
    vi.stubEnv('AWS_DEFAULT_REGION', 'eu-central-1');
    expect(baseUrlWith()).toBe('https://bedrock-runtime.eu-central-1.amazonaws.com');
    vi.stubEnv('AWS_REGION', 'ap-northeast-1');
    expect(baseUrlWith()).toBe('https://bedrock-runtime.ap-northeast-1.amazonaws.com');
    expect(baseUrlWith({ region: 'us-west-2' })).toBe('https://bedrock-runtime.us-west-2.amazonaws.com');
  });

  it('sends a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK as a bearer token instead of signing', async () => {
    vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', 'bedrock-api-key-from-env');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env/secret/EXAMPLEKEY');
    expect((await signedWith(nova)).authorization).toBe('Bearer bedrock-api-key-from-env');
  });
});
