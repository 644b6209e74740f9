import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { afterThisTest } from '../../support/after-this-test.js';
import { record } from '../../support/events.js';
import { CHAT_MODEL, chatBody, gatewayOnMock, MASTER_KEY, STREAM_PIECES } from '../../support/gateway/gateway-on-mock.js';
import { openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { until } from '../../support/until.js';
import type { Gateway } from 'switchyard/server';

const hi = [{ role: 'user' as const, content: 'hi' }];

/** A host application on plain node:http that hands '/llm/…' to the gateway with the prefix taken off, as Express's `app.use('/llm', …)` does. */
async function hostApp(gateway: Gateway, parseBodies = false): Promise<string> {
  const server = createServer(async (req, res) => {
    if (!req.url?.startsWith('/llm/')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('the host app');
      return;
    }
    req.url = req.url.slice('/llm'.length);
    if (parseBodies && req.method === 'POST') await parseJsonBody(req);
    gateway.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterThisTest(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What `express.json()` does before a handler: reads the body and leaves it parsed on `req.body`. */
async function parseJsonBody(req: IncomingMessage): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  (req as IncomingMessage & { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The official SDK on `gateway.fetch`, through its documented `fetch` option: no socket at all. */
function sdkOnFetch(gateway: Gateway, base = 'http://gateway.internal/v1'): OpenAI {
  return new OpenAI({ baseURL: base, apiKey: MASTER_KEY, maxRetries: 0, fetch: (url, init) => gateway.fetch(new Request(url, init)) });
}

async function streamedText(openai: OpenAI): Promise<string> {
  let text = '';
  for await (const chunk of await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, stream: true }))
    text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

describe('the gateway mounted in a node:http application under a prefix', () => {
  it('answers the SDK at the prefix and leaves the rest to the host', async () => {
    const { gateway } = await gatewayOnMock();
    const host = await hostApp(gateway);
    const openai = new OpenAI({ baseURL: `${host}/llm/v1`, apiKey: MASTER_KEY, maxRetries: 0 });

    const answer = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi });

    expect(answer.choices[0]?.message.content).toBe('Hello from the mock');
    expect(await streamedText(openai)).toBe(STREAM_PIECES.join(''));
    expect(await (await fetch(`${host}/other`)).text()).toBe('the host app');
  });

  it('takes a body the host already parsed, as express.json() leaves it', async () => {
    const { gateway, mock } = await gatewayOnMock();
    const host = await hostApp(gateway, true);
    const openai = new OpenAI({ baseURL: `${host}/llm/v1`, apiKey: MASTER_KEY, maxRetries: 0 });

    const answer = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, metadata: { ticket: 'T-1' } });

    expect(answer.choices[0]?.message.content).toBe('Hello from the mock');
    expect(mock.calls[0]?.body).not.toHaveProperty('metadata');
  });
});

describe('gateway.fetch', () => {
  it('answers the SDK, JSON and streams', async () => {
    const { gateway, router } = await gatewayOnMock();
    const { success } = record(router, 'success');
    const openai = sdkOnFetch(gateway);

    const { data, request_id } = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi }).withResponse();

    expect(data.choices[0]?.message.content).toBe('Hello from the mock');
    expect(request_id).toBe(success[0]?.requestId);
    expect(await streamedText(openai)).toBe(STREAM_PIECES.join(''));
    expect((await openai.models.list()).data.map((m) => m.id)).toContain(CHAT_MODEL);
  });

  it('takes its basePath off the paths', async () => {
    const { gateway } = await gatewayOnMock({ gateway: { basePath: '/api/llm' } });

    const answer = await sdkOnFetch(gateway, 'http://app.internal/api/llm/v1').chat.completions.create({ model: CHAT_MODEL, messages: hi });

    expect(answer.choices[0]?.message.content).toBe('Hello from the mock');
  });

  it('answers errors in the same shape: 401, 413 and 400', async () => {
    const { gateway } = await gatewayOnMock({ gateway: { maxBodyBytes: 1_000 } });
    const post = (body: string, key = MASTER_KEY) =>
      gateway.fetch(new Request('http://gateway.internal/v1/chat/completions', { method: 'POST', headers: { authorization: `Bearer ${key}` }, body }));

    const answers = [await post(JSON.stringify(chatBody()), 'wrong'), await post('x'.repeat(5_000)), await post('{')];

    expect(answers.map((a) => a.status)).toEqual([401, 413, 400]);
    expect(answers.every((a) => a.headers.get('x-request-id'))).toBe(true);
    expect(await answers[1]?.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('aborts the upstream call when the reader cancels the streamed body', async () => {
    const neverEnding = sse(openAIStreamEvents(['w0 ', 'w1 ']).slice(0, 3), { end: 'stall' });
    const { gateway, mock, router } = await gatewayOnMock({ script: neverEnding });
    const { failure } = record(router, 'failure');

    const answer = await gateway.fetch(
      new Request('http://gateway.internal/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}` },
        body: JSON.stringify(chatBody({ stream: true })),
      }),
    );
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();

    await until(() => failure.length === 1);
    expect(failure[0]?.error).toMatchObject({ cause: { name: 'ClientDisconnectedError' } });
    await until(() => mock.openSockets === 0);
  });
});
