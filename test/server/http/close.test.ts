import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterThisTest } from '../../support/after-this-test.js';
import { CHAT_MODEL, chatBody, gatewayOnMock, MASTER_KEY, postJson } from '../../support/gateway/gateway-on-mock.js';
import { openAIStreamEvents, sse } from '../../support/mock-replies.js';

const pieces = Array.from({ length: 20 }, (_, i) => `w${i} `);
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('gateway.close()', () => {
  it('lets a running stream finish, then stops listening', async () => {
    const { gateway, openai, url } = await gatewayOnMock({ script: sse(openAIStreamEvents(pieces), { eventDelayMs: 10 }) });
    const stream = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    let text = '';
    text += (await iterator.next()).value?.choices[0]?.delta.content ?? '';

    let closed = false;
    const closing = gateway.close().then(() => (closed = true));
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) text += next.value.choices[0]?.delta.content ?? '';
    await closing;

    expect(text).toBe(pieces.join(''));
    expect(closed).toBe(true);
    await expect(fetch(`${url}/health/liveliness`)).rejects.toThrow();
  });

  it('answers 503 to requests that reach a mounted gateway while it drains', async () => {
    const { gateway, openai } = await gatewayOnMock({ script: sse(openAIStreamEvents(pieces), { eventDelayMs: 10 }) });
    const host = createServer(gateway.handler);
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    afterThisTest(async () => {
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
    });
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    const stream = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, stream: true });
    const reading = (async () => {
      for await (const _chunk of stream);
    })();

    const closing = gateway.close();
    const refused = await postJson(`${hostUrl}/v1/chat/completions`, chatBody(), { authorization: `Bearer ${MASTER_KEY}` });

    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'shutting_down' } });
    await reading;
    await closing;
  });

  it('is the same close when called again', async () => {
    const { gateway } = await gatewayOnMock();

    const first = gateway.close();

    expect(gateway.close()).toBe(first);
    await first;
    await expect(gateway.listen()).rejects.toThrow('the gateway is closed');
  });
});
