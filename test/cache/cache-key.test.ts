import { describe, expect, it } from 'vitest';
import { EXCLUDED_FROM_CACHE_KEY, cacheKeyOf, contextKeyOf, lastUserText } from '../../src/cache/cache-key.js';
import type { ChatCompletionRequest, ChatTool } from '../../src/types/chat.js';

const weatherTool: ChatTool = {
  type: 'function',
  function: { name: 'weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

function conversation(): ChatCompletionRequest {
  return {
    model: 'fast',
    messages: [
      { role: 'system', content: 'You answer briefly.' },
      { role: 'user', content: 'Hello.' },
      { role: 'assistant', content: 'Hi!' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    tools: [weatherTool],
    temperature: 0.2,
  };
}

function keyOf(request: ChatCompletionRequest, model = 'fast-group', partition = 'global'): string {
  return cacheKeyOf(model, request, partition);
}

function changed(change: (request: ChatCompletionRequest) => void): ChatCompletionRequest {
  const request = conversation();
  change(request);
  return request;
}

/** A field the key must follow: the conversation with it set, or with it set to another value. */
const fieldsInTheKey: Array<[string, (request: ChatCompletionRequest) => void]> = [
  ['the last message’s content', (request) => void (request.messages[3] = { role: 'user', content: 'What is the capital of Spain?' })],
  [
    'the content as parts instead of a string',
    (request) => void (request.messages[3] = { role: 'user', content: [{ type: 'text', text: 'What is the capital of France?' }] }),
  ],
  [
    'an image part',
    (request) => void (request.messages[3] = { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }),
  ],
  ['a message’s role', (request) => void (request.messages[0] = { role: 'developer', content: 'You answer briefly.' })],
  ['a message’s name', (request) => void (request.messages[1] = { role: 'user', content: 'Hello.', name: 'ann' })],
  ['an earlier turn', (request) => void (request.messages[2] = { role: 'assistant', content: 'Hello there!' })],
  ['the system prompt', (request) => void (request.messages[0] = { role: 'system', content: 'You answer at length.' })],
  [
    'an assistant’s tool calls',
    (request) =>
      void (request.messages[2] = {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
      }),
  ],
  ['a refusal', (request) => void (request.messages[2] = { role: 'assistant', content: 'Hi!', refusal: 'No.' })],
  ['tools', (request) => void (request.tools = [{ ...weatherTool, function: { ...weatherTool.function, description: 'Weather' } }])],
  ['tool_choice', (request) => void (request.tool_choice = 'required')],
  ['parallel_tool_calls', (request) => void (request.parallel_tool_calls = false)],
  ['functions', (request) => void (request.functions = [{ name: 'weather' }])],
  ['response_format', (request) => void (request.response_format = { type: 'json_object' })],
  ['temperature', (request) => void (request.temperature = 0.3)],
  ['top_p', (request) => void (request.top_p = 0.9)],
  ['max_tokens', (request) => void (request.max_tokens = 100)],
  ['max_completion_tokens', (request) => void (request.max_completion_tokens = 100)],
  ['stop', (request) => void (request.stop = ['\n'])],
  ['seed', (request) => void (request.seed = 7)],
  ['n', (request) => void (request.n = 2)],
  ['logprobs', (request) => void (request.logprobs = true)],
  ['top_logprobs', (request) => void (request.top_logprobs = 3)],
  ['logit_bias', (request) => void (request.logit_bias = { '50256': -100 })],
  ['presence_penalty', (request) => void (request.presence_penalty = 0.5)],
  ['frequency_penalty', (request) => void (request.frequency_penalty = 0.5)],
  ['reasoning_effort', (request) => void (request.reasoning_effort = 'high')],
  ['verbosity', (request) => void (request.verbosity = 'low')],
  ['modalities', (request) => void (request.modalities = ['text', 'audio'])],
  ['prediction', (request) => void (request.prediction = { type: 'content', content: 'Paris' })],
  ['web_search_options', (request) => void (request.web_search_options = { search_context_size: 'high' })],
  ['an unknown field', (request) => void Object.assign(request, { top_k: 40 })],
];

describe('cacheKeyOf', () => {
  it('is a short base64url string, the same for the same request every time', () => {
    const key = keyOf(conversation());
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keyOf(conversation())).toBe(key);
  });

  it.each(fieldsInTheKey)('changes with %s', (_field, change) => {
    expect(keyOf(changed(change))).not.toBe(keyOf(conversation()));
  });

  it('changes with the model group, and not with the alias the request named', () => {
    expect(keyOf(conversation(), 'other-group')).not.toBe(keyOf(conversation()));
    expect(keyOf(changed((request) => void (request.model = 'fast-alias')))).toBe(keyOf(conversation()));
  });

  it('changes with the partition', () => {
    expect(keyOf(conversation(), 'fast-group', 'user:ann')).not.toBe(keyOf(conversation(), 'fast-group', 'user:bob'));
  });

  it('keeps the model group and the partition apart', () => {
    expect(cacheKeyOf('a', conversation(), 'bc')).not.toBe(cacheKeyOf('ab', conversation(), 'c'));
  });

  it.each<[string, (request: ChatCompletionRequest) => void]>([
    ['user', (request) => void (request.user = 'ann')],
    ['metadata', (request) => void (request.metadata = { job: 'nightly' })],
    ['stream', (request) => void (request.stream = true)],
    ['stream_options', (request) => void (request.stream_options = { include_usage: true })],
    ['store', (request) => void (request.store = true)],
    ['prompt_cache_key', (request) => void (request.prompt_cache_key = 'faq')],
    ['safety_identifier', (request) => void (request.safety_identifier = 'hashed-ann')],
    ['service_tier', (request) => void (request.service_tier = 'flex')],
  ])('does not change with %s', (_field, change) => {
    expect(keyOf(changed(change))).toBe(keyOf(conversation()));
  });

  it('lists the fields it leaves out', () => {
    expect(EXCLUDED_FROM_CACHE_KEY).toEqual(
      expect.arrayContaining(['user', 'metadata', 'stream', 'stream_options', 'store', 'prompt_cache_key', 'safety_identifier', 'service_tier']),
    );
  });

  it('does not depend on property order, at the top, in messages, in tools and deep in a JSON schema', () => {
    const reordered: ChatCompletionRequest = {
      temperature: 0.2,
      tools: [
        {
          function: { parameters: { properties: { city: { type: 'string' } }, type: 'object' }, description: 'The weather in a city', name: 'weather' },
          type: 'function',
        },
      ],
      messages: [
        { content: 'You answer briefly.', role: 'system' },
        { content: 'Hello.', role: 'user' },
        { content: 'Hi!', role: 'assistant' },
        { content: 'What is the capital of France?', role: 'user' },
      ],
      model: 'fast',
    };
    expect(keyOf(reordered)).toBe(keyOf(conversation()));
  });

  it('takes an undefined property as absent, at any depth', () => {
    const withUndefined = changed((request) => {
      request.seed = undefined;
      request.messages[1] = { role: 'user', content: 'Hello.', name: undefined };
      request.tools = [{ ...weatherTool, function: { ...weatherTool.function, strict: undefined } }];
    });
    expect(keyOf(withUndefined)).toBe(keyOf(conversation()));
  });

  it('tells null from absent, and a string from a number', () => {
    expect(keyOf(changed((request) => void (request.seed = null)))).not.toBe(keyOf(conversation()));
    expect(keyOf(changed((request) => void Object.assign(request, { top_k: '40' })))).not.toBe(
      keyOf(changed((request) => void Object.assign(request, { top_k: 40 }))),
    );
  });

  it('tells apart strings that need escaping', () => {
    const withContent = (content: string): string => keyOf(changed((request) => void (request.messages[3] = { role: 'user', content })));
    expect(withContent('say "hi"')).not.toBe(withContent('say \\"hi\\"'));
    expect(withContent('a\nb')).not.toBe(withContent('a\\nb'));
    expect(withContent('\ud800')).not.toBe(withContent('\udc00'));
  });
});

describe('contextKeyOf', () => {
  const contextOf = (request: ChatCompletionRequest): string => contextKeyOf('fast-group', request, 'global');

  it('is the same for two requests that differ only in the last user message', () => {
    const other = changed((request) => void (request.messages[3] = { role: 'user', content: [{ type: 'text', text: 'Which city is France’s capital?' }] }));
    expect(contextOf(other)).toBe(contextOf(conversation()));
  });

  it.each<[string, (request: ChatCompletionRequest) => void]>([
    ['the system prompt', (request) => void (request.messages[0] = { role: 'system', content: 'You answer at length.' })],
    ['an earlier turn', (request) => void (request.messages[1] = { role: 'user', content: 'Good morning.' })],
    ['a tool', (request) => void (request.tools = [])],
    ['temperature', (request) => void (request.temperature = 0.9)],
    [
      'an image in the last message',
      (request) => void (request.messages[3] = { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }),
    ],
  ])('differs when %s differs', (_field, change) => {
    expect(contextOf(changed(change))).not.toBe(contextOf(conversation()));
  });

  it('differs from the exact key, and with the model group and the partition', () => {
    expect(contextOf(conversation())).not.toBe(keyOf(conversation()));
    expect(contextKeyOf('other-group', conversation(), 'global')).not.toBe(contextOf(conversation()));
    expect(contextKeyOf('fast-group', conversation(), 'team:a')).not.toBe(contextOf(conversation()));
  });

  it('keeps the whole conversation when the last message is not a user message', () => {
    const toolTurn = (answer: string): ChatCompletionRequest =>
      changed((request) => {
        request.messages.push(
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: answer },
        );
      });
    expect(contextOf(toolTurn('sunny'))).not.toBe(contextOf(toolTurn('rain')));
  });

  it('leaves the request as it was', () => {
    const request = conversation();
    contextOf(request);
    expect(request).toEqual(conversation());
  });
});

describe('lastUserText', () => {
  it('is the string content of the last message when it is a user message', () => {
    expect(lastUserText(conversation())).toBe('What is the capital of France?');
  });

  it('joins the text parts with newlines, leaving other parts out', () => {
    const request = changed(
      (request) =>
        void (request.messages[3] = {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'text', text: 'Answer in French.' },
          ],
        }),
    );
    expect(lastUserText(request)).toBe('What is this?\nAnswer in French.');
  });

  it('is undefined when the last message has no text part, or is not a user message, or there is none', () => {
    expect(
      lastUserText(
        changed((request) => void (request.messages[3] = { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] })),
      ),
    ).toBeUndefined();
    expect(lastUserText(changed((request) => void request.messages.push({ role: 'assistant', content: 'Paris.' })))).toBeUndefined();
    expect(lastUserText({ model: 'fast', messages: [] })).toBeUndefined();
  });
});
