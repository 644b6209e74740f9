import { describe, expect, it } from 'vitest';
import { InternalServerError, StreamInterruptedError, type ChatCompletionChunk, type ChatMessage, type ProviderAdapter } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import { openAIStreamEvents, sse } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { sameModelRouter, testRouter } from '../support/routers.js';
import { firstCandidate } from '../support/strategy-fixtures.js';
import { collect, textOf } from '../support/streams.js';

/**
 * Only strings are text: whatever shape a provider or a custom adapter gives content in
 * (parts, objects, numbers), the caller's deltas, a StreamInterruptedError's partial text and
 * the prefix a mid-stream fallback sends on hold only the text, never `[object Object]`.
 */

const base = { id: 's1', object: 'chat.completion.chunk', created: 1, model: 'm' } as const;
const delta = (content: unknown) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] });

/** Content in every shape but a string, each holding some of 'The quick brown' as text, amid thinking and junk. */
const oddContents: unknown[] = [
  [
    { type: 'thinking', thinking: [{ type: 'text', text: 'hidden' }] },
    { type: 'text', text: 'The' },
  ],
  { type: 'text', text: ' quick' },
  [{ type: 'image_url', image_url: { url: 'data:,' } }, 42, null, { type: 'text', text: { not: 'text' } }],
  [{ type: 'text', text: ' brown' }],
  { some: 'object' },
  7,
];
const oddStart = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }, ...oddContents.map(delta)];

function expectOnlyStrings(chunks: ChatCompletionChunk[]) {
  for (const chunk of chunks) {
    const content = chunk.choices[0]?.delta.content;
    if (content !== undefined && content !== null) expect(typeof content).toBe('string');
  }
}

/** The chunks a stream gave before it failed, and the error it failed with. */
async function readUntilFailure(stream: AsyncIterable<ChatCompletionChunk>): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const chunks: ChatCompletionChunk[] = [];
  const error = await rejectionOf(
    (async () => {
      for await (const chunk of stream) chunks.push(chunk);
    })(),
  );
  return { chunks, error };
}

/** A provider of your own that streams `contents` as they are (breaking the types), then fails. */
function sloppyProvider(contents: unknown[]): Omit<ProviderAdapter, 'name'> {
  return {
    apiKeyRequired: false,
    chat: {
      kind: 'local',
      complete: async () => {
        throw new InternalServerError('not used', { status: 500 });
      },
      stream: async () =>
        (async function* () {
          for (const content of contents) yield delta(content) as unknown as ChatCompletionChunk;
          throw new InternalServerError('the sloppy provider broke', { status: 500, provider: 'sloppy', deploymentId: 'sloppy' });
        })(),
    },
  };
}

describe('only strings reach a text', () => {
  it('a provider sending arrays and objects as delta.content: the caller gets strings, and a cut stream the text as partialText', async () => {
    const s = await mockServers({ cut: sse(oddStart, { end: 'destroy' }) });
    const router = sameModelRouter(s, { strategy: firstCandidate, retries: 0 });

    const { chunks, error } = await readUntilFailure(await router.completion({ model: 'm', messages: hi, stream: true }));

    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('The quick brown');
    expectOnlyStrings(chunks);
    expect(textOf(chunks)).toBe('The quick brown');
  });

  it('midStreamFallback sends only the text on as the assistant prefix', async () => {
    const s = await mockServers({ cut: sse(oddStart, { end: 'destroy' }), rescue: sse(openAIStreamEvents([' fox.'])) });
    const router = sameModelRouter(s, { strategy: firstCandidate, midStreamFallback: true });

    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true }));

    expect(textOf(chunks)).toBe('The quick brown fox.');
    const sent = (s.rescue.calls[0]?.body as { messages: ChatMessage[] }).messages;
    expect(sent.at(-1)).toEqual({ role: 'assistant', content: 'The quick brown' });
  });

  it('a custom adapter streaming non-strings: strings to the caller, the text in partialText and in the continuation prefix', async () => {
    const contents = ['The', ...oddContents.slice(1)];
    const providers = { sloppy: sloppyProvider(contents) };

    const alone = testRouter({ providers, deployments: [{ id: 'sloppy', model: 'm', provider: 'sloppy' }], retries: 0 });
    const { chunks, error } = await readUntilFailure(await alone.completion({ model: 'm', messages: hi, stream: true }));
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('The quick brown');
    expectOnlyStrings(chunks);

    const s = await mockServers({ rescue: sse(openAIStreamEvents([' fox.'])) });
    const rescued = testRouter({
      providers,
      strategy: firstCandidate,
      midStreamFallback: true,
      deployments: [
        { id: 'sloppy', model: 'm', provider: 'sloppy' },
        { id: 'rescue', model: 'm', provider: 'openai-compatible', baseUrl: s.rescue.url },
      ],
    });
    expect(textOf(await collect(await rescued.completion({ model: 'm', messages: hi, stream: true })))).toBe('The quick brown fox.');
    expect((s.rescue.calls[0]?.body as { messages: ChatMessage[] }).messages.at(-1)).toEqual({ role: 'assistant', content: 'The quick brown' });
  });
});
