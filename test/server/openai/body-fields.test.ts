import { describe, expect, it } from 'vitest';
import { callOptions } from '../../../src/server/openai/call-options.js';
import type { Caller } from '../../../src/server/http/caller.js';
import { record } from '../../support/events.js';
import { chatBody, gatewayOnMock, postJson } from '../../support/gateway/gateway-on-mock.js';

const signal = new AbortController().signal;

function caller(fields: Partial<Caller> = {}): Caller {
  return { isMaster: false, token: 'hash-of-key', mayUse: () => true, enter: () => () => undefined, ...fields };
}

describe("LiteLLM's body fields through the gateway", () => {
  // With tag routing the router's tags both pick deployments (a call goes only where every tag is) and count spend, so the deployment carries them.
  const tagged = { chat: { tags: ['from-metadata', 'batch'] }, gateway: { tagRouting: true } };

  it('become call options and never reach the provider', async () => {
    const { url, mock, router } = await gatewayOnMock(tagged);
    const { success } = record(router, 'success');

    const answer = await postJson(
      `${url}/v1/chat/completions`,
      chatBody({
        user: 'end-user-7',
        metadata: { ticket: 'T-1', tags: ['from-metadata'] },
        tags: ['from-body'],
        cache: { 'no-store': true },
        fallbacks: ['text-embedding-3-small'],
        num_retries: 0,
        timeout: 30,
      }),
    );

    expect(answer.status).toBe(200);
    const upstream = mock.calls[0]?.body as Record<string, unknown>;
    for (const field of ['metadata', 'tags', 'cache', 'fallbacks', 'num_retries', 'timeout']) expect(upstream).not.toHaveProperty(field);
    expect(upstream.user).toBe('end-user-7');
    expect(success[0]?.tags).toEqual(['from-metadata']);
    expect(success[0]?.metadata).toEqual({ ticket: 'T-1', tags: ['from-metadata'], end_user: 'end-user-7' });
  });

  it('without tag routing, keeps tags as labels only: any deployment serves, the spend-log outcome and metadata carry them', async () => {
    const { url, router } = await gatewayOnMock();
    const { success } = record(router, 'success');

    const answer = await postJson(`${url}/v1/chat/completions`, chatBody({ tags: ['nightly-eval'] }));

    expect(answer.status).toBe(200);
    expect(success[0]?.tags).toBeUndefined();
    expect(success[0]?.metadata).toEqual({ tags: ['nightly-eval'] });
  });

  it("takes the body's tags when its metadata has none", async () => {
    const { url, router } = await gatewayOnMock(tagged);
    const { success } = record(router, 'success');

    await postJson(`${url}/v1/chat/completions`, chatBody({ tags: ['batch'] }));

    expect(success[0]?.tags).toEqual(['batch']);
  });

  it.each([
    [{ metadata: 'x' }, 'metadata'],
    [{ tags: ['ok', ''] }, 'tags'],
    [{ metadata: { tags: 'one' } }, 'metadata.tags'],
    [{ cache: true }, 'cache'],
    [{ cache: { ttl: -1 } }, 'cache.ttl'],
    [{ cache: { 'no-cache': 'yes' } }, 'cache.no-cache'],
    [{ cache: { namespace: 7 } }, 'cache.namespace'],
    [{ cache: { 'max-age': 7 } }, 'cache.max-age'],
    [{ fallbacks: 'gpt-4o' }, 'fallbacks'],
    [{ num_retries: 1.5 }, 'num_retries'],
    [{ timeout: 0 }, 'timeout'],
  ])('answers 400 naming the field for %j', async (fields, param) => {
    const { url, mock } = await gatewayOnMock();

    const answer = await postJson(`${url}/v1/chat/completions`, chatBody(fields));

    expect(answer.status).toBe(400);
    const { error } = (await answer.json()) as { error: { param: string; type: string; message: string } };
    expect(error).toMatchObject({ param, type: 'invalid_request_error' });
    expect(error.message).toContain(`request.${param}`);
    expect(mock.calls).toHaveLength(0);
  });

  it("serves LiteLLM's cache controls through the router's cache", async () => {
    const { url, mock } = await gatewayOnMock({ router: { cache: {} } });
    const ask = (cache?: Record<string, unknown>) => postJson(`${url}/v1/chat/completions`, chatBody(cache ? { cache } : {}));

    await ask();
    await ask();
    expect(mock.calls).toHaveLength(1);

    await ask({ 'no-cache': true });
    expect(mock.calls).toHaveLength(2);

    await ask({ namespace: 'tenant-a', 'no-store': true });
    await ask({ namespace: 'tenant-a' });
    expect(mock.calls).toHaveLength(4);
    await ask({ namespace: 'tenant-a', ttl: 60 });
    expect(mock.calls).toHaveLength(4);
  });
});

describe('callOptions', () => {
  it("keeps each team's cached answers apart, and each key's without a team", () => {
    expect(callOptions({}, caller({ teamId: 'red' }), signal, false).cache).toEqual({ namespace: 'team:red' });
    expect(callOptions({ cache: { namespace: 'x' } }, caller({ teamId: 'red' }), signal, false).cache).toMatchObject({ namespace: 'team:red:x' });
    expect(callOptions({}, caller(), signal, false).cache).toEqual({ namespace: 'key:hash-of-key' });
    expect(callOptions({ cache: { namespace: 'x' } }, caller({ isMaster: true, token: undefined }), signal, false).cache).toMatchObject({ namespace: 'x' });
    expect(callOptions({}, caller({ isMaster: true, token: undefined }), signal, false).cache).toBeUndefined();
  });

  it('maps cache controls, retries and the time-out to the router options', () => {
    const options = callOptions(
      { cache: { 'no-cache': true, 'no-store': false, ttl: 1.5 }, num_retries: 2, timeout: 2.5 },
      caller({ teamId: 't' }),
      signal,
      false,
    );

    expect(options.cache).toEqual({ noCache: true, noStore: false, ttlMs: 1_500, namespace: 'team:t' });
    expect(options).toMatchObject({ retries: 2, deadlineMs: 2_500, signal });
  });

  it('says who is calling: the key hash, its user and team; the key alias beats one in the body metadata', () => {
    const options = callOptions(
      { user: 'end', metadata: { key_alias: 'posing', end_user: 'posing' } },
      caller({ userId: 'alice', teamId: 'red', keyAlias: 'ci-key' }),
      signal,
      false,
    );

    expect(options).toMatchObject({ apiKeyId: 'hash-of-key', user: 'alice', team: 'red' });
    expect(options.metadata).toEqual({ key_alias: 'ci-key', end_user: 'end' });
  });

  it('refuses fallbacks to a model the key may not use, with 403', () => {
    const limited = caller({ mayUse: (model) => model === 'allowed' });

    expect(() => callOptions({ fallbacks: ['allowed', 'secret'] }, limited, signal, false)).toThrow(
      expect.objectContaining({ status: 403, param: 'fallbacks' }),
    );
  });
});
