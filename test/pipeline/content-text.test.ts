import { describe, expect, it } from 'vitest';
import { InternalServerError, type ChatCompletion, type ProviderAdapter } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { json } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';

/**
 * Only strings are text, in whole answers too: whatever `message.content` an adapter of the
 * user's own hands back (parts, objects, numbers), the caller gets a string (or null), holding
 * the text it held and never `[object Object]`.
 */

const completion = (...contents: unknown[]) => ({
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: contents.map((content, index) => ({ index, message: { role: 'assistant', content }, finish_reason: 'stop' })),
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
});

/** Content in every shape but a string, and the text each holds. */
const oddContents: Array<[unknown, string]> = [
  [
    [
      { type: 'thinking', thinking: 'hidden' },
      { type: 'text', text: 'The' },
      { type: 'text', text: ' quick' },
    ],
    'The quick',
  ],
  [{ type: 'text', text: 'brown' }, 'brown'],
  [['fox', { type: 'image_url', image_url: { url: 'data:,' } }, 42, null, { type: 'text', text: { not: 'text' } }], 'fox'],
  [{ some: 'object' }, ''],
  [42, ''],
  [true, ''],
];

const expectTextContents = (response: ChatCompletion, texts: Array<string | null>) => expect(response.choices.map((c) => c.message.content)).toEqual(texts);

describe('whole answers: only strings are message.content', () => {
  it('a local adapter of your own answering with non-string content: the text it holds, a string', async () => {
    let answer: unknown;
    const providers: Record<string, Omit<ProviderAdapter, 'name'>> = {
      sloppy: {
        apiKeyRequired: false,
        chat: {
          kind: 'local',
          complete: async () => answer as ChatCompletion,
          stream: async () => {
            throw new InternalServerError('not used', { status: 500 });
          },
        },
      },
    };
    const router = testRouter({ providers, deployments: [{ id: 'sloppy', model: 'm', provider: 'sloppy' }], retries: 0 });

    answer = completion(...oddContents.map(([content]) => content), 'plain', null, undefined);
    const response = await router.completion({ model: 'm', messages: hi });
    expectTextContents(response, [...oddContents.map(([, text]) => text), 'plain', null, null]);
    expect(response.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });

    const plain = completion('just text');
    answer = plain;
    expect(await router.completion({ model: 'm', messages: hi })).toBe(plain);
  });

  it('an HTTP adapter of your own passing a server answer through: message.content a string', async () => {
    const server = await mockServer(json(completion(...oddContents.map(([content]) => content))));
    const providers: Record<string, Omit<ProviderAdapter, 'name'>> = {
      passthrough: {
        apiKeyRequired: false,
        chat: {
          kind: 'http',
          buildRequest: (request, target) => ({ url: `${target.baseUrl}/chat`, method: 'POST', headers: {}, body: JSON.stringify(request) }),
          parseResponse: (body) => body as ChatCompletion,
          createStreamDecoder: () => ({ decode: () => ({ chunks: [], done: true }) }),
          parseError: (status) => new InternalServerError(`failed with ${status}`, { status }),
        },
      },
    };
    const router = testRouter({ providers, deployments: [{ id: 'own', model: 'm', provider: 'passthrough', baseUrl: server.origin }], retries: 0 });

    const response = await router.completion({ model: 'm', messages: hi });

    expectTextContents(
      response,
      oddContents.map(([, text]) => text),
    );
    expect(response.choices.every((c) => typeof c.message.content === 'string')).toBe(true);
  });
});
