import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../src/errors/without-secrets.js';
import { reachableStrings } from '../support/reachable-strings.js';

const KEY = 'sk-secret-0123456789';
const TOKEN = 'bearer-token-9876543210';
const SECRETS = [KEY, TOKEN];

const shown = (value: unknown) => inspect(value, { depth: Infinity, showHidden: true, maxArrayLength: Infinity, maxStringLength: Infinity });

/** Neither inspection nor a walk of every field, however deep, finds a secret. */
function expectNoSecret(value: unknown) {
  const texts = [shown(value), ...reachableStrings(value)];
  for (const secret of SECRETS) expect(texts.filter((text) => text.includes(secret))).toEqual([]);
}

function invalidUrlError(): TypeError {
  try {
    new URL(`http://127.0.0.1:99999/v1?api_key=${KEY}`);
  } catch (error) {
    return error as TypeError;
  }
  throw new Error('the URL parsed');
}

describe('withoutSecrets', () => {
  it('returns what holds no secret as it is', () => {
    const error = new Error('refused', { cause: { status: 500, at: ['a', 'b'] } });
    expect(withoutSecrets(error, SECRETS)).toBe(error);
    expect(withoutSecrets(invalidUrlError(), [])).toBeInstanceOf(TypeError);
    expect(withoutSecrets('plain', SECRETS)).toBe('plain');
  });

  it("redacts an error's message, stack and own fields, keeping its class and the rest", () => {
    const raw = invalidUrlError();
    const redacted = withoutSecrets(raw, SECRETS);
    expect(redacted).toBeInstanceOf(TypeError);
    expect(redacted).toMatchObject({ code: 'ERR_INVALID_URL', input: 'http://127.0.0.1:99999/v1?api_key=[redacted]', message: 'Invalid URL' });
    expect(raw.message).toBe('Invalid URL');
    expect((raw as unknown as { input: string }).input).toContain(KEY);
    expectNoSecret(redacted);
  });

  it('follows the cause chain, nested objects, arrays, hidden and symbol-keyed fields', () => {
    const inner = new Error(`upstream said ${TOKEN}`);
    Object.defineProperty(inner, 'request', { value: { headers: { authorization: `Bearer ${TOKEN}` } }, enumerable: false });
    const middle = new AggregateError([inner, { url: `https://gw/v1?key=${KEY}` }], 'all failed', { cause: inner });
    const outer = new RangeError('outer', { cause: middle });
    (outer as unknown as Record<symbol, unknown>)[Symbol('raw')] = [[`key=${KEY}`]];
    const redacted = withoutSecrets(outer, SECRETS);
    expectNoSecret(redacted);
    expect(redacted).toBeInstanceOf(RangeError);
    expect(redacted.cause).toBeInstanceOf(AggregateError);
    expect((redacted.cause as AggregateError).errors[1]).toEqual({ url: 'https://gw/v1?key=[redacted]' });
    expect(((redacted.cause as AggregateError).cause as Error).message).toBe('upstream said [redacted]');
  });

  it('is safe with cycles, keeping them', () => {
    const error = new Error(`failed with ${KEY}`);
    const holder: Record<string, unknown> = { error };
    holder.self = holder;
    error.cause = holder;
    const redacted = withoutSecrets(error, SECRETS);
    expectNoSecret(redacted);
    const cause = redacted.cause as Record<string, unknown>;
    expect(cause.self).toBe(cause);
    expect(cause.error).toBe(redacted);
  });

  it('cuts what is nested deeper than it follows, without overflowing the stack', () => {
    let nested: Record<string, unknown> = { key: KEY };
    for (let i = 0; i < 3_000; i++) nested = { nested };
    const redacted = withoutSecrets(new Error('deep', { cause: nested }), SECRETS);
    expectNoSecret(redacted);
    expect(reachableStrings(redacted)).toContain('[nested deeper than 16 levels]');
  });

  it('turns objects it cannot copy (a URL, a Map) into their redacted text only when they show a secret', () => {
    const clean = new URL('https://example.com/v1');
    const cause = { url: new URL(`https://gw/v1?api_key=${KEY}`), seen: new Map([['auth', TOKEN]]), clean };
    const redacted = withoutSecrets(new Error('failed', { cause }), SECRETS);
    expectNoSecret(redacted);
    const copied = redacted.cause as Record<string, unknown>;
    expect(copied.url).toContain('api_key=[redacted]');
    expect(copied.clean).toBe(clean);
  });

  it('never calls a getter, leaving it out of a copy', () => {
    let called = false;
    const cause = {
      key: KEY,
      get secret() {
        called = true;
        return TOKEN;
      },
    };
    const redacted = withoutSecrets(new Error('failed', { cause }), SECRETS);
    expect(called).toBe(false);
    expect(Object.keys(redacted.cause as object)).toEqual(['key']);
    expectNoSecret(redacted);
  });
});
