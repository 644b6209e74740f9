import { describe, expect, it } from 'vitest';
import { AuthenticationError, ContextWindowExceededError, InternalServerError, RateLimitError } from 'switchyard';
import { parseAnthropicError } from '../../../providers/anthropic/anthropic-error.js';
import { createAnthropicStreamDecoder } from '../../../providers/anthropic/anthropic-stream.js';
import { providerTarget } from '../../support/provider-target.js';

const KEY = 'sk-ant-api03-secret-0123456789';
const target = providerTarget({
  deploymentId: 'claude-1',
  provider: 'anthropic',
  providerModel: 'claude-sonnet-4-5',
  baseUrl: 'https://api.anthropic.com',
  apiKey: KEY,
});
const anthropicBody = (type: string, message: string, requestId?: string) =>
  JSON.stringify({ type: 'error', error: { type, message }, ...(requestId ? { request_id: requestId } : {}) });

describe('parseAnthropicError', () => {
  it('reads overloaded_error (529) as a retryable InternalServerError', () => {
    const error = parseAnthropicError(529, anthropicBody('overloaded_error', 'Overloaded'), { 'request-id': 'req_011' }, target);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 529, retryable: true, type: 'overloaded_error', requestId: 'req_011' });
    expect(error.message).toBe('anthropic (claude-1): Overloaded');
  });

  it('reads rate_limit_error as RateLimitError with retry-after', () => {
    const error = parseAnthropicError(
      429,
      anthropicBody('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
      { 'retry-after': '3' },
      target,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 3000, type: 'rate_limit_error' });
  });

  it('reads a prompt too long as ContextWindowExceededError', () => {
    const error = parseAnthropicError(400, anthropicBody('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'), {}, target);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error).toMatchObject({ status: 400, retryable: false, type: 'invalid_request_error' });
  });

  it("takes the body's request_id, and keeps the body and headers with the key redacted", () => {
    const bodyText = anthropicBody('authentication_error', `invalid x-api-key ${KEY}`, 'req_body_1');
    const error = parseAnthropicError(401, bodyText, { 'request-id': 'req_header_1', 'content-type': 'application/json' }, target);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.requestId).toBe('req_body_1');
    expect(error.message).toBe('anthropic (claude-1): invalid x-api-key [redacted]');
    expect(error.body).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key [redacted]' }, request_id: 'req_body_1' });
    expect(error.headers).toEqual({ 'request-id': 'req_header_1', 'content-type': 'application/json' });
  });

  it('reads a stream `error` event as a retryable InternalServerError, the event as the body', () => {
    const data = anthropicBody('overloaded_error', 'Overloaded');
    expect(() => createAnthropicStreamDecoder(target).decode({ event: 'error', data })).toThrow(
      expect.objectContaining({ name: 'InternalServerError', status: 529, retryable: true, body: JSON.parse(data) }),
    );
  });

  it('reads a stream event that is not JSON as a malformed answer (502)', () => {
    expect(() => createAnthropicStreamDecoder(target).decode({ event: 'content_block_delta', data: '{"type":' })).toThrow(
      expect.objectContaining({ name: 'InternalServerError', status: 502, retryable: true }),
    );
  });
});
