import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RouterError,
  TimeoutError,
  UnprocessableEntityError,
  type ProviderTarget,
} from 'switchyard';
import { parseOpenAIError } from '../../../providers/openai/openai-error.js';
import { createOpenAIStreamDecoder } from '../../../providers/openai/openai-stream.js';

const KEY = 'sk-proj-secret-key-0123456789';
const target: ProviderTarget = { deploymentId: 'gpt-1', provider: 'openai', providerModel: 'gpt-4o', baseUrl: 'https://api.openai.com/v1', apiKey: KEY, headers: undefined, params: undefined, maxOutputTokens: undefined };
const openAIBody = (message: string, type: string, code: string | null = null, param: string | null = null) => JSON.stringify({ error: { message, type, param, code } });

describe('parseOpenAIError', () => {
  const cases: Array<[number, abstract new (...args: never[]) => RouterError, boolean]> = [
    [400, BadRequestError, false],
    [401, AuthenticationError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [408, TimeoutError, true],
    [409, ConflictError, true],
    [422, UnprocessableEntityError, false],
    [429, RateLimitError, true],
    [500, InternalServerError, true],
    [503, InternalServerError, true],
  ];
  for (const [status, ErrorClass, retryable] of cases) {
    it(`reads a ${status} as ${ErrorClass.name} with the body's code, type and param`, () => {
      const error = parseOpenAIError(status, openAIBody(`failed with ${status}`, 'some_error', 'some_code', 'messages'), { 'x-request-id': 'req_123' }, target);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, retryable, code: 'some_code', type: 'some_error', param: 'messages', requestId: 'req_123' });
      expect(error.message).toBe(`openai (gpt-1): failed with ${status}`);
    });
  }

  it('reads retry-after-ms before retry-after', () => {
    const error = parseOpenAIError(429, openAIBody('Rate limit reached', 'requests', 'rate_limit_exceeded'), { 'retry-after': '2', 'retry-after-ms': '350' }, target);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(350);
  });

  it('reads context_length_exceeded as ContextWindowExceededError', () => {
    const message = "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.";
    const error = parseOpenAIError(400, openAIBody(message, 'invalid_request_error', 'context_length_exceeded', 'messages'), {}, target);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error).toMatchObject({ status: 400, retryable: false, code: 'context_length_exceeded' });
  });

  it("reads Azure's content filter as ContentPolicyViolationError", () => {
    const message = "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.";
    const error = parseOpenAIError(400, openAIBody(message, 'invalid_request_error', 'content_filter', 'prompt'), {}, target);
    expect(error).toBeInstanceOf(ContentPolicyViolationError);
    expect(error).not.toBeInstanceOf(ContextWindowExceededError);
  });

  it("reads vLLM's top-level error with a numeric code, classified by its text", () => {
    const body = JSON.stringify({ object: 'error', message: "This model's maximum context length is 4096 tokens.", type: 'BadRequestError', param: null, code: 400 });
    const error = parseOpenAIError(400, body, {}, target);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error).toMatchObject({ code: '400', type: 'BadRequestError' });
  });

  it('reads `{ error: "text" }` as the message', () => {
    const error = parseOpenAIError(404, JSON.stringify({ error: "model 'llama9' not found" }), {}, target);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("openai (gpt-1): model 'llama9' not found");
  });

  it('keeps a plain-text body as the message and the body, and classifies it by its text', () => {
    const gateway = parseOpenAIError(502, 'upstream connect error', { 'content-type': 'text/plain' }, target);
    expect(gateway).toBeInstanceOf(InternalServerError);
    expect(gateway.message).toContain('upstream connect error');
    expect(gateway.body).toBe('upstream connect error');
    expect(parseOpenAIError(400, 'prompt is too long for this server', {}, target)).toBeInstanceOf(ContextWindowExceededError);
  });

  it('reads a field of an unexpected type as absent without losing the others', () => {
    const error = parseOpenAIError(400, JSON.stringify({ error: { message: { detail: 'nested' }, type: 'invalid_request_error', code: 'bad' } }), {}, target);
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'bad' });
  });

  it('keeps the body parsed and the headers, with the key redacted from everything', () => {
    const bodyText = openAIBody(`Incorrect API key provided: ${KEY}.`, 'invalid_request_error', 'invalid_api_key');
    const error = parseOpenAIError(401, bodyText, { 'x-request-id': 'req_9', 'www-authenticate': `Bearer realm="${KEY}"` }, target);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('openai (gpt-1): Incorrect API key provided: [redacted].');
    expect(error.body).toEqual({ error: { message: 'Incorrect API key provided: [redacted].', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    expect(error.headers).toEqual({ 'x-request-id': 'req_9', 'www-authenticate': 'Bearer realm="[redacted]"' });
  });

  it('reads an in-band stream error by its code, the event as the body', () => {
    const data = JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: 503 } });
    expect(() => createOpenAIStreamDecoder(target).decode({ data })).toThrow(
      expect.objectContaining({ name: 'InternalServerError', status: 503, retryable: true, type: 'server_error', body: JSON.parse(data) }),
    );
  });
});
