import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'switchyard';
import { parseOpenAIError } from '../../../providers/openai/openai-error.js';
import { createOpenAIStreamDecoder } from '../../../providers/openai/openai-stream.js';
import { providerTarget } from '../../support/provider-target.js';

const KEY = 'sk-proj-secret-key-0123456789';
const target = providerTarget({
  deploymentId: 'gpt-1',
  provider: 'openai',
  providerModel: 'gpt-4o',
  baseUrl: 'https://api.openai.com/v1',
  apiKey: KEY,
});
const openAIBody = (message: string, type: string, code: string | null = null, param: string | null = null) =>
  JSON.stringify({ error: { message, type, param, code } });

describe('parseOpenAIError', () => {
  it("reads the body's message, code, type and param, and x-request-id, the class by the status", () => {
    const error = parseOpenAIError(
      403,
      openAIBody('Project does not have access to model gpt-5', 'invalid_request_error', 'model_not_found', 'model'),
      { 'x-request-id': 'req_123' },
      target,
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      status: 403,
      retryable: false,
      code: 'model_not_found',
      type: 'invalid_request_error',
      param: 'model',
      requestId: 'req_123',
    });
    expect(error.message).toBe('openai (gpt-1): Project does not have access to model gpt-5');
    const overloaded = parseOpenAIError(503, openAIBody('The engine is currently overloaded', 'server_error'), {}, target);
    expect(overloaded).toBeInstanceOf(InternalServerError);
    expect(overloaded).toMatchObject({ status: 503, retryable: true, type: 'server_error' });
  });

  it('reads retry-after-ms before retry-after', () => {
    const error = parseOpenAIError(
      429,
      openAIBody('Rate limit reached', 'requests', 'rate_limit_exceeded'),
      { 'retry-after': '2', 'retry-after-ms': '350' },
      target,
    );
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
    const body = JSON.stringify({
      object: 'error',
      message: "This model's maximum context length is 4096 tokens.",
      type: 'BadRequestError',
      param: null,
      code: 400,
    });
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
    expect(error.body).toEqual({
      error: { message: 'Incorrect API key provided: [redacted].', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
    });
    expect(error.headers).toEqual({ 'x-request-id': 'req_9', 'www-authenticate': 'Bearer realm="[redacted]"' });
  });

  it('reads an in-band stream error by its code, the event as the body', () => {
    const data = JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: 503 } });
    expect(() => createOpenAIStreamDecoder(target).decode({ data })).toThrow(
      expect.objectContaining({ name: 'InternalServerError', status: 503, retryable: true, type: 'server_error', body: JSON.parse(data) }),
    );
  });
});
