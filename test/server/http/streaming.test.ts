import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { record } from '../../support/events.js';
import { CHAT_MODEL, chatBody, gatewayOnMock, postJson } from '../../support/gateway/gateway-on-mock.js';
import { json, openAIError, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { until } from '../../support/until.js';

const hi = [{ role: 'user' as const, content: 'hi' }];
/** A stream that sends its first chunks and then nothing, open until its client leaves. */
const neverEnding = sse(openAIStreamEvents(['w0 ', 'w1 ']).slice(0, 3), { end: 'stall' });

/** The SSE events of a whole answer body. */
function events(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => event.replace(/^data: /, ''));
}

describe('streaming through the gateway', () => {
  it('sends one SSE event per chunk and ends with [DONE]', async () => {
    const { url } = await gatewayOnMock();

    const answer = await postJson(`${url}/v1/chat/completions`, chatBody({ stream: true, stream_options: { include_usage: true } }));

    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    const sent = events(await answer.text());
    expect(sent.at(-1)).toBe('[DONE]');
    const chunks = sent.slice(0, -1).map((event) => JSON.parse(event) as OpenAI.ChatCompletionChunk);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(21);
  });

  it('ends a stream that fails after it started with an error event, which the SDK throws', async () => {
    const broken = openAIStreamEvents(['Hello', ' wor']).slice(0, 3);
    const { url, openai } = await gatewayOnMock({ router: { retries: 0 }, script: sse(broken, { end: 'destroy' }) });

    const raw = events(await (await postJson(`${url}/v1/chat/completions`, chatBody({ stream: true }))).text());
    expect(raw).not.toContain('[DONE]');
    expect(JSON.parse(raw.at(-1) as string)).toMatchObject({ error: { type: expect.any(String), message: expect.any(String) } });

    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, stream: true }))
        seen.push(chunk.choices[0]?.delta.content ?? '');
    })();
    await expect(reading).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(seen.join('')).toBe('Hello wor');
  });

  it('answers an upstream refusal before the first chunk as a JSON error with its status', async () => {
    const { url } = await gatewayOnMock({ router: { retries: 0 }, script: json(openAIError('slow down', 'requests'), 429, { 'retry-after': '7' }) });

    const answer = await postJson(`${url}/v1/chat/completions`, chatBody({ stream: true }));

    expect(answer.status).toBe(429);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('retry-after')).toBe('7');
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const { url, mock, router } = await gatewayOnMock({ script: neverEnding });
    const { failure, success } = record(router, 'failure', 'success');

    const answer = await postJson(`${url}/v1/chat/completions`, chatBody({ stream: true }));
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await until(() => mock.openSockets === 1);
    await reader.cancel();

    await until(() => failure.length === 1);
    expect(failure[0]).toMatchObject({ stream: true, error: { name: 'StreamInterruptedError', cause: { name: 'ClientDisconnectedError', status: 499 } } });
    expect(success).toHaveLength(0);
    await until(() => mock.openSockets === 0);
  });
});
