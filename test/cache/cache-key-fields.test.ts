import type { ChatCompletionRequest, CompletionOptions } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { json, openAICompletion } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';

type Request = ChatCompletionRequest & { stream?: false };
const BASE: Request = { model: 'chat', messages: [{ role: 'user', content: 'Name a colour.' }] };

/** Each pair differs in one field that changes the answer: the second call must reach the provider. */
const CHANGES_THE_KEY: Array<[string, Partial<Request>]> = [
  ['messages (the text)', { messages: [{ role: 'user', content: 'Name a fruit.' }] }],
  ['messages (an earlier turn)', { messages: [{ role: 'system', content: 'Be brief.' }, ...BASE.messages] }],
  ['tools', { tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }] }],
  ['tool_choice', { tool_choice: 'none' }],
  ['response_format', { response_format: { type: 'json_object' } }],
  ['temperature', { temperature: 0.3 }],
  ['top_p', { top_p: 0.5 }],
  ['max_tokens', { max_tokens: 7 }],
  ['max_completion_tokens', { max_completion_tokens: 7 }],
  ['stop', { stop: ['\n'] }],
  ['seed', { seed: 42 }],
  ['n', { n: 2 }],
  ['logprobs', { logprobs: true }],
  ['presence_penalty', { presence_penalty: 0.5 }],
  ['frequency_penalty', { frequency_penalty: 0.5 }],
  ['logit_bias', { logit_bias: { '50256': -100 } }],
  ['reasoning_effort', { reasoning_effort: 'low' }],
  ['a field switchyard does not know', { some_new_openai_field: 1 } as Partial<Request>],
];

/** Each pair differs only in what cannot change the answer: the second call is a hit. */
const LEAVES_THE_KEY: Array<[string, Partial<Request>, CompletionOptions?]> = [
  ['user', { user: 'someone-else' }],
  ['metadata (option)', {}, { metadata: { run: 7 } }],
  ['user (option)', {}, { user: 'bob' }],
  ['sessionId (option)', {}, { sessionId: 's-9' }],
  ['stream_options', { stream_options: { include_usage: true } }],
];

async function routerAndServer() {
  const server = await mockServer(json(openAICompletion('Blue')));
  const router = testRouter({ deployments: [{ model: 'chat', provider: 'openai', baseUrl: server.url, apiKey: 'sk-test' }], cache: {} });
  await router.completion(BASE);
  return { server, router };
}

describe('the cache key, over HTTP, counting provider calls', () => {
  it.each(CHANGES_THE_KEY)('misses when %s differs', async (_field, change) => {
    const { server, router } = await routerAndServer();
    await router.completion({ ...BASE, ...change });
    expect(server.calls).toHaveLength(2);
  });

  it.each(LEAVES_THE_KEY)('hits whatever %s', async (_field, change, options) => {
    const { server, router } = await routerAndServer();
    await router.completion({ ...BASE, ...change }, options);
    expect(server.calls).toHaveLength(1);
  });

  it('hits whatever the order of properties, at every depth', async () => {
    const { server, router } = await routerAndServer();
    const tools: Request['tools'] = [
      { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } } } },
    ];
    await router.completion({ ...BASE, temperature: 0, tools });
    const reordered = {
      tools: [{ function: { parameters: { properties: { b: { type: 'number' }, a: { type: 'string' } }, type: 'object' }, name: 'f' }, type: 'function' }],
      temperature: 0,
      messages: [{ content: 'Name a colour.', role: 'user' }],
      model: 'chat',
    } as Request;
    await router.completion(reordered);
    expect(server.calls).toHaveLength(2);
  });
});
