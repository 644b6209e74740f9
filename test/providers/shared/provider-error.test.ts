import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BadRequestError, ContentPolicyViolationError, ContextWindowExceededError, InternalServerError, NotFoundError, RateLimitError } from 'switchyard';
import { jsonErrorParser, providerError, readErrorBody } from '../../../providers/shared/provider-error.js';
import { providerTarget } from '../../support/provider-target.js';

const KEY = 'sk-shared-secret-0123456789';
const target = providerTarget({
  deploymentId: 'd1',
  provider: 'acme',
  providerModel: 'm',
  baseUrl: 'https://acme.test/v1',
  apiKey: KEY,
});

describe('providerError', () => {
  it('chooses the class by status, names the deployment, and keeps the parsed body and the headers', () => {
    const headers = { 'content-type': 'application/json', 'retry-after': '2' };
    const error = providerError(target, { status: 429, bodyText: '{"detail":"slow down"}', headers }, { message: 'slow down', code: 'rate' });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryable: true, provider: 'acme', deploymentId: 'd1', code: 'rate', retryAfterMs: 2000 });
    expect(error.message).toBe('acme (d1): slow down');
    expect(error.body).toEqual({ detail: 'slow down' });
    expect(error.headers).toEqual(headers);
  });

  it('keeps a body that is not JSON as text, and makes the message from it when the reading has none', () => {
    const error = providerError(target, { status: 502, bodyText: '  upstream connect error  ', headers: {} }, {});
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe('  upstream connect error  ');
    expect(error.message).toBe('acme (d1): upstream connect error');
    expect(providerError(target, { status: 503, bodyText: '', headers: {} }, {}).message).toBe('acme (d1): HTTP 503');
    expect(providerError(target, { status: 500, bodyText: 'x'.repeat(2000), headers: {} }, {}).message).toHaveLength('acme (d1): '.length + 500);
  });

  it('redacts the key from the message, the body, the headers and the body-read fields', () => {
    const bodyText = JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, param: KEY } });
    const headers = { 'x-echo': `Bearer ${KEY}`, 'x-list': ['a', KEY], 'x-request-id': 'req_1' };
    const error = providerError(
      target,
      { status: 401, bodyText, headers },
      { message: `Incorrect API key provided: ${KEY}.`, param: KEY, code: KEY, type: KEY },
    );
    const kept = JSON.stringify({ message: error.message, body: error.body, headers: error.headers, code: error.code, type: error.type, param: error.param });
    expect(kept).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
    expect(error.body).toEqual({ error: { message: 'Incorrect API key provided: [redacted].', param: '[redacted]' } });
    expect(error.headers).toEqual({ 'x-echo': 'Bearer [redacted]', 'x-list': ['a', '[redacted]'], 'x-request-id': 'req_1' });
  });

  it('reads the request id from the headers providers use, the reading first', () => {
    const idFrom = (headers: Record<string, string>, requestId?: string) =>
      providerError(target, { status: 500, bodyText: '', headers }, { requestId }).requestId;
    expect(idFrom({ 'x-request-id': 'a' })).toBe('a');
    expect(idFrom({ 'request-id': 'b' })).toBe('b');
    expect(idFrom({ 'x-amzn-requestid': 'c' })).toBe('c');
    expect(idFrom({ 'x-request-id': 'a' }, 'from-body')).toBe('from-body');
    expect(idFrom({})).toBeUndefined();
  });

  it('classifies by the status the reading names over the answer', () => {
    const error = providerError(target, { status: 200, bodyText: '{}', headers: {} }, { status: 404 });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
  });

  it('turns the classifications into their BadRequestError subclasses, keeping the status', () => {
    const tooLong = providerError(target, { status: 413, bodyText: '', headers: {} }, { classification: 'context-window-exceeded' });
    expect(tooLong).toBeInstanceOf(ContextWindowExceededError);
    expect(tooLong).toBeInstanceOf(BadRequestError);
    expect(tooLong).toMatchObject({ status: 413, retryable: false });
    const filtered = providerError(target, { status: 400, bodyText: '', headers: {} }, { classification: 'content-policy-violation' });
    expect(filtered).toBeInstanceOf(ContentPolicyViolationError);
    expect(filtered).not.toBeInstanceOf(ContextWindowExceededError);
  });

  it('redacts nothing for a deployment without a key', () => {
    const error = providerError({ ...target, apiKey: undefined }, { status: 400, bodyText: 'plain', headers: {} }, {});
    expect(error.message).toBe('acme (d1): plain');
  });
});

describe('jsonErrorParser', () => {
  const schema = z.object({ msg: z.string() });

  it('hands the classifier the body read against the schema, or undefined when it is not JSON of that shape', () => {
    expect(readErrorBody(schema, '{"msg":"m"}')).toEqual({ msg: 'm' });
    expect(readErrorBody(schema, '{"other":1}')).toBeUndefined();
    expect(readErrorBody(schema, '<html>')).toBeUndefined();
    const parse = jsonErrorParser(schema, (body) => ({ message: body?.msg }));
    expect(parse(400, '{"msg":"bad field"}', {}, target).message).toBe('acme (d1): bad field');
    expect(parse(400, '<html>', {}, target).message).toBe('acme (d1): <html>');
  });
});
