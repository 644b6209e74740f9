import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError, Router, type ChatCompletionRequest, type CompletionOptions } from 'switchyard';
import { hi, weatherTool } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { json, openAICompletion, openAIStreamEvents, sse } from '../support/mock-replies.js';
import { routerOnMockServer } from '../support/routers.js';

type SdkRequest = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

async function routerAndServer() {
  return routerOnMockServer(json(openAICompletion('ok')), (server) => openAIDeployment(server, 'gpt'));
}

/** The BadRequestError a request (and options) get; nothing may reach the provider. */
async function badRequest(request: Record<string, unknown>, options?: unknown): Promise<BadRequestError> {
  const { server, router } = await routerAndServer();
  const error = await rejectionOf(router.completion({ model: 'gpt', messages: hi, ...request } as ChatCompletionRequest, options as CompletionOptions));
  expect(error).toBeInstanceOf(BadRequestError);
  expect(server.calls).toHaveLength(0);
  return error as BadRequestError;
}

const toolCall = { id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };

describe('request fields', () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['content: 42', { messages: [{ role: 'user', content: 42 }] }, 'messages[0].content', 'expected a string or an array of content parts'],
    ['a user message without content', { messages: [{ role: 'user' }] }, 'messages[0].content', 'is required for a user message'],
    ['a system message without content', { messages: [{ role: 'system' }, ...hi] }, 'messages[0].content', 'is required for a system message'],
    ['an empty content array', { messages: [{ role: 'user', content: [] }] }, 'messages[0].content', 'got an empty array'],
    ['a text part without text', { messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages[0].content[0].text', 'expected a string'],
    ['a part without a type', { messages: [{ role: 'user', content: ['hi'] }] }, 'messages[0].content[0]', 'expected a content part'],
    [
      'an image part without a url',
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: 'x' }] }] },
      'messages[0].content[0].image_url',
      'url',
    ],
    [
      'an assistant message with neither content nor tool_calls',
      { messages: [...hi, { role: 'assistant' }] },
      'messages[1].content',
      'is required for an assistant message without tool_calls',
    ],
    [
      'tool-call arguments as an object',
      { messages: [...hi, { role: 'assistant', tool_calls: [{ ...toolCall, function: { name: 'get_weather', arguments: { city: 'Paris' } } }] }] },
      'messages[1].tool_calls[0].function.arguments',
      'expected the arguments as a JSON string',
    ],
    [
      'a tool message without tool_call_id',
      { messages: [...hi, { role: 'assistant', tool_calls: [toolCall] }, { role: 'tool', content: '18C' }] },
      'messages[2].tool_call_id',
      'expected the id of the tool call',
    ],
    [
      'a tool message without content',
      { messages: [...hi, { role: 'assistant', tool_calls: [toolCall] }, { role: 'tool', tool_call_id: 'call_1' }] },
      'messages[2].content',
      'is required for a tool message',
    ],
    ['a function message without name', { messages: [...hi, { role: 'function', content: '18C' }] }, 'messages[1].name', 'expected the name of the function'],
    [
      'an unknown role',
      { messages: [{ role: 'robot', content: 'x' }] },
      'messages[0].role',
      'expected one of system, developer, user, assistant, tool, function',
    ],
    ['a message that is a string', { messages: ['hi'] }, 'messages[0]', 'expected a message such as'],
    ['no messages', { messages: [] }, 'messages', 'expected a non-empty array'],
    ['a number for model', { model: 4 }, 'model', 'expected the name of a model group'],
    ["temperature: 'hot'", { temperature: 'hot' }, 'temperature', 'expected a number from 0 to 2, got "hot"'],
    ['temperature: 3', { temperature: 3 }, 'temperature', 'expected a number from 0 to 2, got 3'],
    ['top_p: 1.5', { top_p: 1.5 }, 'top_p', 'expected a number from 0 to 1, got 1.5'],
    ['max_tokens: -1', { max_tokens: -1 }, 'max_tokens', 'expected a whole number 1 or more, got -1'],
    ['max_tokens: 2.5', { max_tokens: 2.5 }, 'max_tokens', 'expected a whole number 1 or more, got 2.5'],
    ['max_completion_tokens: 0', { max_completion_tokens: 0 }, 'max_completion_tokens', 'expected a whole number 1 or more, got 0'],
    ['n: 0', { n: 0 }, 'n', 'expected a whole number 1 or more, got 0'],
    ["stream: 'yes'", { stream: 'yes' }, 'stream', 'expected true or false, got "yes"'],
    ["stream_options: 'usage'", { stream: true, stream_options: 'usage' }, 'stream_options', 'expected { include_usage: true } or null'],
    [
      "stream_options.include_usage: 'yes'",
      { stream: true, stream_options: { include_usage: 'yes' } },
      'stream_options.include_usage',
      'expected true or false',
    ],
    ['user: 42', { user: 42 }, 'user', 'expected a string, got 42'],
    ['stop: 5', { stop: 5 }, 'stop', 'expected a string or an array of strings, got 5'],
    ['a number among stop strings', { stop: ['END', 5] }, 'stop', 'expected a string or an array of strings'],
    ['presence_penalty: 3', { presence_penalty: 3 }, 'presence_penalty', 'expected a number from -2 to 2, got 3'],
    ['tools as an object', { tools: weatherTool }, 'tools', 'expected an array of tools'],
    [
      'a function tool without a name',
      { tools: [{ type: 'function', function: { parameters: {} } }] },
      'tools[0].function.name',
      "expected the function's name",
    ],
    ["tool_choice: 'any'", { tools: [weatherTool], tool_choice: 'any' }, 'tool_choice', "expected 'none', 'auto', 'required'"],
    [
      'tool_choice naming no function',
      { tools: [weatherTool], tool_choice: { type: 'function' } },
      'tool_choice.function.name',
      "expected the function's name",
    ],
    [
      'allowed_tools without a mode',
      { tools: [weatherTool], tool_choice: { type: 'allowed_tools', allowed_tools: { tools: [] } } },
      'tool_choice.allowed_tools',
      "expected { mode: 'auto' or 'required', tools: [...] }",
    ],
    ['response_format as a string', { response_format: 'json' }, 'response_format', "expected { type: 'text' }"],
  ];

  it.each(cases)('%s is a BadRequestError naming the field', async (_label, request, param, message) => {
    const error = await badRequest(request);
    expect(error.param).toBe(param);
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toContain(`request.${param}: `);
    expect(error.message).toContain(message);
  });

  it('a request that is no object', async () => {
    const { router } = await routerAndServer();
    const error = await rejectionOf(router.completion('hi' as never));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toBe('request: expected an object such as { model, messages }, got "hi"');
  });
});

describe('per-request options', () => {
  const cases: Array<[string, unknown, string, string]> = [
    ["{ usr: 'alice' }", { usr: 'alice' }, 'options.usr', "unknown option; did you mean 'user'?"],
    ["{ tag: ['batch'] }", { tag: ['batch'] }, 'options.tag', "unknown option; did you mean 'tags'?"],
    ["{ tags: 'batch' }", { tags: 'batch' }, 'options.tags', 'expected an array of strings, e.g. [\'batch\'], got "batch"'],
    ['{ user: 42 }', { user: 42 }, 'options.user', 'expected a string id, got 42'],
    ['{ team: null }', { team: null }, 'options.team', 'expected a string id, got null'],
    ['{ sessionId: 7 }', { sessionId: 7 }, 'options.sessionId', 'expected a string id, got 7'],
    ["{ metadata: 'x' }", { metadata: 'x' }, 'options.metadata', 'expected a plain object'],
    ['{ metadata: [] }', { metadata: [] }, 'options.metadata', 'expected a plain object'],
    ["{ noFallbacks: 'yes' }", { noFallbacks: 'yes' }, 'options.noFallbacks', 'expected true or false, got "yes"'],
    ['{ midStreamFallback: 1 }', { midStreamFallback: 1 }, 'options.midStreamFallback', 'expected true or false, got 1'],
    ["{ fallbacks: 'gpt' }", { fallbacks: 'gpt' }, 'options.fallbacks', 'expected an array of model names'],
    ['{ timeoutMs: -1 }', { timeoutMs: -1 }, 'options.timeoutMs', 'expected a positive integer of milliseconds, got -1'],
    ['{ maxWaitMs: 1.5 }', { maxWaitMs: 1.5 }, 'options.maxWaitMs', 'expected a non-negative integer of milliseconds, got 1.5'],
    ['{ retries: -1 }', { retries: -1 }, 'options.retries', 'expected an integer of 0 or more, got -1'],
    ['{ retries: { maxx: 1 } }', { retries: { maxx: 1 } }, 'options.retries.maxx', "unknown field; did you mean 'max'?"],
    [
      "{ retries: { byError: { RateLimitError: 'x' } } }",
      { retries: { byError: { RateLimitError: 'x' } } },
      'options.retries.byError.RateLimitError',
      'expected an integer',
    ],
    ['{ signal: {} }', { signal: {} }, 'options.signal', 'expected an AbortSignal'],
    ["options: 'fast'", 'fast', 'options', 'expected an object'],
  ];

  it.each(cases)('%s is a BadRequestError naming the option', async (_label, options, param, message) => {
    const error = await badRequest({}, options);
    expect(error.param).toBe(param);
    expect(error.message).toContain(`${param}: ${message}`);
  });

  it('never shows an apiKeyId given as something other than a string', async () => {
    const error = await badRequest({}, { apiKeyId: { key: 'sk-live-0123456789' } });
    expect(error.param).toBe('options.apiKeyId');
    expect(error.message).toBe('options.apiKeyId: expected a string id');
  });

  it('checks the options of an embedding call too', async () => {
    const router = new Router({ deployments: [{ model: 'emb', provider: 'mock' }] });
    const error = await rejectionOf(router.embedding({ model: 'emb', input: 'hi' }, { usr: 'alice' } as CompletionOptions));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('options.usr');
  });

  it('takes every known option, and undefined for any of them', async () => {
    const { server, router } = await routerAndServer();
    const options: Required<CompletionOptions> = {
      signal: new AbortController().signal,
      timeoutMs: 5_000,
      deadlineMs: 10_000,
      streamIdleTimeoutMs: 5_000,
      maxWaitMs: 0,
      user: 'alice',
      team: 'core',
      apiKeyId: 'key-1',
      tags: [],
      sessionId: 's-1',
      metadata: { ticket: 'T-1' },
      retries: { max: 1, minDelayMs: 0, maxDelayMs: 10, maxRetryAfterMs: 100, byError: { RateLimitError: 2 } },
      fallbacks: [],
      noFallbacks: false,
      midStreamFallback: false,
      cache: { noCache: true, noStore: true, ttlMs: 1_000, namespace: 'tests' },
    };
    await router.completion({ model: 'gpt', messages: hi }, options);
    await router.completion({ model: 'gpt', messages: hi }, { user: undefined, tags: undefined });
    expect(server.calls).toHaveLength(2);
  });
});

describe('requests shaped as the OpenAI SDK types them', () => {
  const requests: Record<string, SdkRequest> = {
    'every sampling field, and fields the router does not know': {
      model: 'gpt',
      messages: [{ role: 'developer', content: 'Be brief.' }, ...hi],
      temperature: 0,
      top_p: 1,
      n: 1,
      max_tokens: 64,
      max_completion_tokens: 64,
      stop: ['END'],
      presence_penalty: -2,
      frequency_penalty: 2,
      seed: -7,
      logprobs: true,
      top_logprobs: 20,
      user: 'alice',
      reasoning_effort: 'none',
      verbosity: 'low',
      prompt_cache_key: 'k1',
      safety_identifier: 'hash-1',
      service_tier: 'flex',
      store: false,
      metadata: { run: '1' },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
      stream: false,
    },
    'null for every nullable field': {
      model: 'gpt',
      messages: hi,
      temperature: null,
      top_p: null,
      n: null,
      max_tokens: null,
      max_completion_tokens: null,
      stop: null,
      stream: null,
      stream_options: null,
      reasoning_effort: null,
      prompt_cache_key: null,
      safety_identifier: null,
    },
    'content parts of every kind': {
      model: 'gpt',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_id: 'file-1' } },
          ],
          name: 'alice',
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'A cat.' },
            { type: 'refusal', refusal: 'No more.' },
          ],
        },
        { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
        { role: 'user', content: 'ok' },
      ],
    },
    'function, custom and allowed tools, and the turns that use them': {
      model: 'gpt',
      messages: [
        ...hi,
        {
          role: 'assistant',
          content: null,
          tool_calls: [toolCall, { id: 'call_2', type: 'custom', custom: { name: 'sql', input: 'select 1' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '18C' }] },
        { role: 'tool', tool_call_id: 'call_2', content: '1' },
        { role: 'assistant', content: null, function_call: { name: 'get_weather', arguments: '{}' } },
        { role: 'function', name: 'get_weather', content: null },
      ],
      tools: [weatherTool, { type: 'custom', custom: { name: 'sql', format: { type: 'text' } } }],
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_weather' } }] } },
      parallel_tool_calls: false,
    },
    'a named function and a named custom tool choice': {
      model: 'gpt',
      messages: hi,
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    },
    'a named custom tool choice': { model: 'gpt', messages: hi, tools: [weatherTool], tool_choice: { type: 'custom', custom: { name: 'sql' } } },
  };

  it.each(Object.entries(requests))('%s passes, unknown fields sent on as given', async (_label, request) => {
    const { server, router } = await routerAndServer();
    await router.completion(request);
    expect(server.calls).toHaveLength(1);
    const sent = server.calls[0]?.body as Record<string, unknown>;
    for (const field of ['verbosity', 'prompt_cache_key', 'safety_identifier', 'tool_choice'] as const) expect(sent[field]).toEqual(request[field]);
  });

  it('a stream with stream_options', async () => {
    const { server, router } = await routerOnMockServer(sse(openAIStreamEvents(['ok'])), (server) => openAIDeployment(server, 'gpt'));
    const request: OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming = {
      model: 'gpt',
      messages: hi,
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
    };
    for await (const _chunk of await router.completion(request));
    expect(server.calls).toHaveLength(1);
    expect((server.calls[0]?.body as Record<string, unknown>).stream_options).toEqual({ include_usage: true, include_obfuscation: false });
  });
});

describe('unknown model', () => {
  it('suggests the model a typo meant', async () => {
    const router = new Router({
      deployments: [
        { model: 'gpt-4o', provider: 'mock' },
        { model: 'claude', provider: 'mock' },
      ],
    });
    const error = await rejectionOf(router.completion({ model: 'gpt4o', messages: hi }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe("No deployment serves model 'gpt4o'. Did you mean 'gpt-4o'? Known models: gpt-4o, claude");
    expect((error as NotFoundError).param).toBe('model');
  });
});
