import { describe, expect, it } from 'vitest';
import { AuthenticationError, ContextWindowExceededError, InternalServerError, RateLimitError } from 'switchyard';
import { parseCohereError } from '../../../providers/cohere/cohere-error.js';
import { createCohereStreamDecoder } from '../../../providers/cohere/cohere-stream.js';
import { providerTarget } from '../../support/provider-target.js';

const KEY = 'co-secret-key-0123456789';
const target = providerTarget({
  deploymentId: 'command-1',
  provider: 'cohere',
  providerModel: 'command-r-plus',
  baseUrl: 'https://api.cohere.com/v2',
  apiKey: KEY,
});

describe('parseCohereError', () => {
  it('reads a 400 about too many tokens as ContextWindowExceededError', () => {
    const message =
      'too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 4292. Try using a shorter prompt, or enabling prompt truncating.';
    const error = parseCohereError(400, JSON.stringify({ message }), {}, target);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error.message).toBe(`cohere (command-1): ${message}`);
  });

  it('reads a 429 as RateLimitError with retry-after, and the request id', () => {
    const error = parseCohereError(
      429,
      JSON.stringify({ message: 'You are using a Trial key, which is limited to 10 API calls / minute.' }),
      { 'retry-after': '1', 'x-request-id': 'co_req_1' },
      target,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 1000, requestId: 'co_req_1' });
  });

  it('keeps the body and headers, with the key redacted', () => {
    const bodyText = JSON.stringify({ message: `invalid api token ${KEY}` });
    const error = parseCohereError(401, bodyText, { 'content-type': 'application/json' }, target);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('cohere (command-1): invalid api token [redacted]');
    expect(error.body).toEqual({ message: 'invalid api token [redacted]' });
    expect(error.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('keeps a body that is not JSON as text', () => {
    const error = parseCohereError(500, 'internal server error', {}, target);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe('internal server error');
  });

  it('reads a stream that ends with an error as a retryable InternalServerError, the event as the body', () => {
    const data = JSON.stringify({ type: 'message-end', delta: { error: 'stream failed upstream' } });
    expect(() => createCohereStreamDecoder(target).decode({ event: 'message-end', data })).toThrow(
      expect.objectContaining({
        name: 'InternalServerError',
        status: 500,
        retryable: true,
        message: 'cohere (command-1): stream failed upstream',
        body: JSON.parse(data),
      }),
    );
  });
});
