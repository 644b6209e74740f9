import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  Router,
  RouterError,
  TimeoutError,
  UnprocessableEntityError,
  type DeploymentConfig,
} from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import type { MockProviderServer } from '../support/mock-provider-server.js';
import { json, openAICompletion, openAIError, type MockReply } from '../support/mock-replies.js';
import { REFUSED_URL } from '../support/mock-servers.js';
import { routerOnMockServer, testRouter } from '../support/routers.js';

const KEY = 'sk-proj-secret-key-0123456789';

/** Model 'gpt' on OpenAI with a key the tests look for in messages. */
const gpt = (server: MockProviderServer, extra: Partial<DeploymentConfig> = {}) => openAIDeployment(server, 'gpt', { apiKey: KEY, ...extra });

async function failWith(reply: MockReply, deploymentExtra: Partial<DeploymentConfig> = {}) {
  const { router } = await routerOnMockServer(reply, (server) => gpt(server, deploymentExtra), { retries: 0 });
  const events = record(router, 'failure');
  const error = await rejectionOf(router.completion({ model: 'gpt', messages: hi }));
  expect(error).toBeInstanceOf(RouterError);
  expect(events.failure).toHaveLength(1);
  expect(events.failure[0]?.error).toBe(error);
  return { error: error as RouterError, router };
}

describe('error mapping', () => {
  const cases: Array<[number, new (...args: never[]) => RouterError, boolean]> = [
    [400, BadRequestError, false],
    [401, AuthenticationError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [408, TimeoutError, true],
    [409, ConflictError, true],
    [422, UnprocessableEntityError, false],
    [429, RateLimitError, true],
    [500, InternalServerError, true],
    [502, InternalServerError, true],
    [503, InternalServerError, true],
  ];
  for (const [status, ErrorClass, retryable] of cases) {
    it(`maps ${status} to ${ErrorClass.name}`, async () => {
      const { error, router } = await failWith(
        json(openAIError(`failed with ${status}`, 'some_error', 'some_code', 'messages'), status, { 'x-request-id': 'req_123' }),
      );
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({
        status,
        retryable,
        provider: 'openai',
        deploymentId: router.deployments()[0]?.id,
        code: 'some_code',
        type: 'some_error',
        param: 'messages',
        requestId: 'req_123',
      });
      expect(error.message).toContain(`failed with ${status}`);
    });
  }

  it('reads retry-after in seconds', async () => {
    const { error } = await failWith(json(openAIError('slow down', 'requests', 'rate_limit_exceeded'), 429, { 'retry-after': '2' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(2000);
  });

  it('prefers retry-after-ms', async () => {
    const { error } = await failWith(json(openAIError('slow down', 'requests'), 429, { 'retry-after': '2', 'retry-after-ms': '350' }));
    expect((error as RateLimitError).retryAfterMs).toBe(350);
  });

  it('maps context_length_exceeded to ContextWindowExceededError', async () => {
    const message = "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.";
    const { error } = await failWith(json(openAIError(message, 'invalid_request_error', 'context_length_exceeded', 'messages'), 400));
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.status).toBe(400);
  });

  it('maps a content-filter answer to ContentPolicyViolationError', async () => {
    const message = "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.";
    const { error } = await failWith(json(openAIError(message, 'invalid_request_error', 'content_filter', 'prompt'), 400));
    expect(error).toBeInstanceOf(ContentPolicyViolationError);
    expect(error).not.toBeInstanceOf(ContextWindowExceededError);
  });

  it('keeps a plain-text error body as the message', async () => {
    const { error } = await failWith({ kind: 'text', body: 'upstream connect error', status: 502 });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toContain('upstream connect error');
  });

  it('never lets the key through in an error message', async () => {
    const { error } = await failWith(json(openAIError(`Incorrect API key provided: ${KEY}.`, 'invalid_request_error', 'invalid_api_key'), 401));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
  });

  it("keeps the provider's body, parsed, and its response headers on the error the call ends with, the key redacted from both", async () => {
    const sent = openAIError(`Incorrect API key provided: ${KEY}.`, 'invalid_request_error', 'invalid_api_key');
    const { error } = await failWith(json(sent, 401, { 'x-request-id': 'req_9', 'x-echo': `Bearer ${KEY}` }));
    expect(error.body).toEqual(openAIError('Incorrect API key provided: [redacted].', 'invalid_request_error', 'invalid_api_key'));
    expect(error.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'req_9', 'x-echo': 'Bearer [redacted]' });
    expect(JSON.stringify([error.body, error.headers])).not.toContain(KEY);

    const { error: text } = await failWith({ kind: 'text', body: 'upstream connect error', status: 502 });
    expect(text.body).toBe('upstream connect error');
  });

  it('leaves body and headers undefined on errors the router raises itself', async () => {
    const { error: unreadable } = await failWith({ kind: 'text', body: '<html>gateway</html>', status: 200 });
    const refused = testRouter({ retries: 0, deployments: [{ model: 'gpt', provider: 'openai', apiKey: KEY, baseUrl: REFUSED_URL }] });
    const unreachable = (await rejectionOf(refused.completion({ model: 'gpt', messages: hi }))) as RouterError;
    expect([unreadable, unreachable].map((e) => [e.name, e.body, e.headers])).toEqual([
      ['InternalServerError', undefined, undefined],
      ['APIConnectionError', undefined, undefined],
    ]);
  });

  it('turns a 200 that is not JSON into a retryable InternalServerError', async () => {
    const { error } = await failWith({ kind: 'text', body: '<html>gateway</html>', status: 200 });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.retryable).toBe(true);
  });

  it('turns a body cut mid-way into APIConnectionError', async () => {
    const { error } = await failWith({ kind: 'cut', partialBody: '{"id":"chatcmpl-1","choices":[' });
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(true);
  });

  it('turns a refused connection into APIConnectionError', async () => {
    const router = testRouter({ retries: 0, deployments: [{ model: 'gpt', provider: 'openai', apiKey: KEY, baseUrl: REFUSED_URL }] });
    const error = await router.completion({ model: 'gpt', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('turns a server that never answers into TimeoutError after the nearest timeoutMs', async () => {
    const { error } = await failWith({ kind: 'hang' }, { timeoutMs: 50 });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('50 ms');
  });

  it('lets the request timeout beat the deployment one', async () => {
    const { router } = await routerOnMockServer({ kind: 'hang' }, (server) => gpt(server, { timeoutMs: 60_000 }), { retries: 0, timeoutMs: 60_000 });
    const error = await router.completion({ model: 'gpt', messages: hi }, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('30 ms');
  });

  it('rethrows the caller abort reason unchanged', async () => {
    const { router } = await routerOnMockServer({ kind: 'hang' }, gpt);
    const controller = new AbortController();
    const pending = router.completion({ model: 'gpt', messages: hi }, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error('user went away');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('answers an unknown model with NotFoundError listing the known ones', async () => {
    const router = new Router({
      deployments: [
        { model: 'a', provider: 'mock' },
        { model: 'b', provider: 'mock' },
      ],
    });
    const error = await router.completion({ model: 'c', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("No deployment serves model 'c'. Known models: a, b");
  });

  it('rejects a malformed request with the field named, before any call', async () => {
    const { server, router } = await routerOnMockServer(json(openAICompletion('ok')), gpt);
    await expect(router.completion({ model: 'gpt', messages: [] })).rejects.toThrow(/request\.messages: expected a non-empty array/);
    await expect(router.completion({ model: 'gpt', messages: [{ role: 'robot', content: 'x' } as never] })).rejects.toThrow(
      /request\.messages\[0\]\.role: expected one of/,
    );
    await expect(router.completion({ model: 'gpt', messages: hi }, { timeoutMs: -1 })).rejects.toBeInstanceOf(BadRequestError);
    expect(server.calls).toHaveLength(0);
  });
});
