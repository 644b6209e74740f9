import { describe, expect, it } from 'vitest';
import { BadRequestError, ContentPolicyViolationError, ContextWindowExceededError, InternalServerError, RateLimitError } from 'switchyard';
import { parseBedrockError } from '../../../providers/bedrock/bedrock-error.js';
import { createBedrockStreamDecoder } from '../../../providers/bedrock/bedrock-stream.js';
import { providerTarget } from '../../support/provider-target.js';

const KEY = 'ABSKQmVkcm9ja0FQSUtleS1zecret0123456789';
const target = providerTarget({
  deploymentId: 'claude-br',
  provider: 'bedrock',
  providerModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  baseUrl: 'https://bedrock-runtime.eu-west-1.amazonaws.com',
  apiKey: KEY,
});
const errorType = (name: string) => ({ 'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': 'aws-req-1' });

describe('parseBedrockError', () => {
  it('reads ThrottlingException as RateLimitError, named in the message and the code', () => {
    const error = parseBedrockError(
      429,
      JSON.stringify({ message: 'Too many requests, please wait before trying again.' }),
      { ...errorType('ThrottlingException'), 'retry-after': '2' },
      target,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 2000, code: 'ThrottlingException', requestId: 'aws-req-1' });
    expect(error.message).toBe('bedrock (claude-br): ThrottlingException: Too many requests, please wait before trying again.');
  });

  it("classifies by the exception's status over the answer's", () => {
    const error = parseBedrockError(400, JSON.stringify({ message: 'Model is not ready' }), errorType('ModelNotReadyException'), target);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
  });

  it('reads a ValidationException about input length as ContextWindowExceededError', () => {
    const error = parseBedrockError(400, JSON.stringify({ message: 'Input is too long for requested model.' }), errorType('ValidationException'), target);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(parseBedrockError(400, JSON.stringify({ message: 'too many input tokens' }), errorType('ValidationException'), target)).toBeInstanceOf(
      ContextWindowExceededError,
    );
  });

  it('reads a guardrail block as ContentPolicyViolationError, and other validation failures as BadRequestError', () => {
    const blocked = parseBedrockError(400, JSON.stringify({ Message: 'The request was blocked by guardrail gr-1.' }), errorType('ValidationException'), target);
    expect(blocked).toBeInstanceOf(ContentPolicyViolationError);
    const invalid = parseBedrockError(400, JSON.stringify({ message: 'Malformed input request' }), errorType('ValidationException'), target);
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect(invalid).not.toBeInstanceOf(ContextWindowExceededError);
    expect(invalid).not.toBeInstanceOf(ContentPolicyViolationError);
  });

  it('keeps the body and headers, with the key redacted', () => {
    const error = parseBedrockError(403, JSON.stringify({ message: `Bearer ${KEY} is not authorized` }), errorType('AccessDeniedException'), target);
    expect(error.message).not.toContain(KEY);
    expect(error.body).toEqual({ message: 'Bearer [redacted] is not authorized' });
    expect(error.headers).toEqual(errorType('AccessDeniedException'));
  });

  it('reads stream exception frames by their lower-case names', () => {
    const decode = (type: string, payload: unknown) => () =>
      createBedrockStreamDecoder(target).decode({ event: `exception:${type}`, data: JSON.stringify(payload) });
    expect(decode('throttlingException', { message: 'Too many tokens' })).toThrow(
      expect.objectContaining({ name: 'RateLimitError', status: 429, code: 'ThrottlingException' }),
    );
    expect(decode('validationException', { message: 'Bad input' })).toThrow(expect.objectContaining({ name: 'BadRequestError', status: 400 }));
    const streamError = { message: 'The stream broke off.', originalStatusCode: 500, originalMessage: 'upstream reset' };
    expect(decode('modelStreamErrorException', streamError)).toThrow(
      expect.objectContaining({ name: 'InternalServerError', retryable: true, body: streamError }),
    );
    expect(decode('modelStreamErrorException', streamError)).toThrow(InternalServerError);
  });
});
