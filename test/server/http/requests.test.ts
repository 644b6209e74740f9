import { describe, expect, it } from 'vitest';
import { chatBody, gatewayOnMock, MASTER_KEY, postJson } from '../../support/gateway/gateway-on-mock.js';

const auth = { authorization: `Bearer ${MASTER_KEY}` };
const TEN_MB = 10 * 1024 * 1024;

async function errorOf(answer: Response): Promise<{ message: string; type: string; param: string | null; code: string | null }> {
  return ((await answer.json()) as { error: { message: string; type: string; param: string | null; code: string | null } }).error;
}

/** A body sent in pieces, without a content-length: the gateway learns its size only by reading it. */
function chunkedBody(totalBytes: number): ReadableStream<Uint8Array> {
  const piece = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
}

describe('requests the gateway refuses', () => {
  it('answers 413 to a 10 MB body and keeps serving', async () => {
    const { url, mock } = await gatewayOnMock();
    const huge = JSON.stringify(chatBody({ messages: [{ role: 'user', content: 'x'.repeat(TEN_MB) }] }));

    const refused = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: huge });

    expect(refused.status).toBe(413);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
    expect(await errorOf(refused)).toMatchObject({ type: 'invalid_request_error', code: 'payload_too_large' });
    expect(mock.calls).toHaveLength(0);
    const next = await postJson(`${url}/v1/chat/completions`, chatBody());
    expect(next.status).toBe(200);
  });

  it('answers 413 to a body without a length once it passes maxBodyBytes', async () => {
    const { url } = await gatewayOnMock({ gateway: { maxBodyBytes: 100_000 } });

    const refused = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: chunkedBody(TEN_MB),
      duplex: 'half',
    } as RequestInit);

    expect(refused.status).toBe(413);
    expect((await errorOf(refused)).message).toContain('100000 bytes');
    expect((await postJson(`${url}/v1/chat/completions`, chatBody())).status).toBe(200);
  });

  it('answers 400 to a body that is not JSON, or not a JSON object', async () => {
    const { url } = await gatewayOnMock();

    const notJson = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: auth, body: '{"model": "gpt-4o-mini",' });
    const notObject = await postJson(`${url}/v1/chat/completions`, [chatBody()]);

    expect(notJson.status).toBe(400);
    expect(await errorOf(notJson)).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    expect(notObject.status).toBe(400);
    expect((await errorOf(notObject)).message).toBe('The request body must be a JSON object');
  });

  it('never quotes a broken body back: it may hold a key', async () => {
    const { url } = await gatewayOnMock();

    const broken = await fetch(`${url}/key/delete`, { method: 'POST', headers: auth, body: '{"keys": [sk-quoted-secret-123]}' });

    expect(broken.status).toBe(400);
    const error = await errorOf(broken);
    expect(error.message).toMatch(/^The request body is not valid JSON/);
    expect(JSON.stringify(error)).not.toContain('quoted-secret');
  });

  it('answers 401 without a key, and takes the key from x-api-key and api-key too', async () => {
    const { url } = await gatewayOnMock();

    const none = await postJson(`${url}/v1/chat/completions`, chatBody(), {});
    const xApiKey = await postJson(`${url}/v1/chat/completions`, chatBody(), { 'x-api-key': MASTER_KEY });
    const apiKey = await postJson(`${url}/v1/chat/completions`, chatBody(), { 'api-key': MASTER_KEY });

    expect(none.status).toBe(401);
    expect(await errorOf(none)).toMatchObject({ type: 'authentication_error', code: 'missing_api_key' });
    expect(xApiKey.status).toBe(200);
    expect(apiKey.status).toBe(200);
  });

  it('answers 404 to an unknown path and 405, with allow, to a wrong method', async () => {
    const { url } = await gatewayOnMock();

    const unknown = await fetch(`${url}/v1/completions`, { method: 'POST', headers: auth });
    const wrongMethod = await fetch(`${url}/v1/chat/completions`, { headers: auth });

    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({ type: 'not_found_error' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});

describe('every answer', () => {
  it('has an x-request-id', async () => {
    const { url } = await gatewayOnMock();
    const answers = await Promise.all([
      postJson(`${url}/v1/chat/completions`, chatBody()),
      postJson(`${url}/chat/completions`, chatBody({ stream: true })),
      postJson(`${url}/v1/chat/completions`, chatBody({ messages: [] })),
      postJson(`${url}/v1/chat/completions`, chatBody(), { authorization: 'Bearer wrong' }),
      fetch(`${url}/v1/models`, { headers: auth }),
      fetch(`${url}/nowhere`),
      fetch(`${url}/v1/models`, { method: 'DELETE' }),
      fetch(`${url}/health/liveliness`),
    ]);

    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 401, 200, 404, 405, 200]);
    const ids = answers.map((answer) => answer.headers.get('x-request-id'));
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    await Promise.all(answers.map((answer) => answer.arrayBuffer()));
  });
});
