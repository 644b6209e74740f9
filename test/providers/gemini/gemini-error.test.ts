import { describe, expect, it } from 'vitest';
import { ContentPolicyViolationError, ContextWindowExceededError, InternalServerError, PermissionDeniedError, RateLimitError } from 'switchyard';
import { parseGeminiError } from '../../../providers/gemini/gemini-error.js';
import { parseGeminiResponse } from '../../../providers/gemini/gemini-response.js';
import { createGeminiStreamDecoder } from '../../../providers/gemini/gemini-stream.js';
import { providerTarget } from '../../support/provider-target.js';

const KEY = 'AIzaSy-secret-0123456789';
const target = providerTarget({
  deploymentId: 'gemini-1',
  provider: 'gemini',
  providerModel: 'gemini-2.5-flash',
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  apiKey: KEY,
});
const googleBody = (code: number, status: string, message: string) => JSON.stringify({ error: { code, message, status } });

describe('parseGeminiError', () => {
  it('reads RESOURCE_EXHAUSTED (429) as RateLimitError, the gRPC status as the code', () => {
    const error = parseGeminiError(429, googleBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'), { 'retry-after': '7' }, target);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'RESOURCE_EXHAUSTED', retryAfterMs: 7000 });
    expect(error.message).toBe('gemini (gemini-1): Quota exceeded');
  });

  it('reads a 400 about the input token count as ContextWindowExceededError', () => {
    const body = googleBody(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).');
    const error = parseGeminiError(400, body, {}, target);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
  });

  it("classifies by the body's code over the answer's status", () => {
    const error = parseGeminiError(500, googleBody(403, 'PERMISSION_DENIED', 'Permission denied on resource project.'), {}, target);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.status).toBe(403);
  });

  it('keeps the body and headers, with the key redacted', () => {
    const error = parseGeminiError(400, googleBody(400, 'INVALID_ARGUMENT', `API key not valid: ${KEY}`), { 'x-echo': KEY }, target);
    expect(error.message).not.toContain(KEY);
    expect(error.body).toEqual({ error: { code: 400, message: 'API key not valid: [redacted]', status: 'INVALID_ARGUMENT' } });
    expect(error.headers).toEqual({ 'x-echo': '[redacted]' });
  });

  it('reads an error event of the stream by its code', () => {
    const data = googleBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    expect(() => createGeminiStreamDecoder(target).decode({ data })).toThrow(
      expect.objectContaining({ name: 'InternalServerError', status: 503, retryable: true, code: 'UNAVAILABLE', body: JSON.parse(data) }),
    );
    expect(parseGeminiError(503, data, {}, target)).toBeInstanceOf(InternalServerError);
  });

  it('reads a blocked prompt as ContentPolicyViolationError, the answer kept as the body', () => {
    const answer = { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 14 } };
    expect(() => parseGeminiResponse(answer, target)).toThrow(ContentPolicyViolationError);
    expect(() => parseGeminiResponse(answer, target)).toThrow(expect.objectContaining({ code: 'PROHIBITED_CONTENT', body: answer }));
  });
});
