import { describe, expect, it } from 'vitest';
import { BadRequestError, type ChatCompletionRequest } from 'switchyard';
import { hi, weatherTool } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import { json } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';
import { expectNamed, rejectedThenServed } from './hostile-router.js';
import { circular, nested } from './hostile-values.js';

const withToolCalls = (toolCalls: unknown) => ({ messages: [...hi, { role: 'assistant', tool_calls: toolCalls }] });
// eslint-disable-next-line no-sparse-arrays
const sparseParts = [, { type: 'text', text: 'a' }];

describe('a request field no provider could take is a BadRequestError naming it, before any provider is called', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['tools: 0', { tools: 0 }, 'tools', /expected an array of tools.*got 0/],
    ['tools: [undefined]', { tools: [undefined] }, 'tools[0]', /expected a tool/],
    [
      'a tool call without function.name',
      withToolCalls([{ id: 'c', type: 'function', function: { arguments: '{}' } }]),
      'messages[1].tool_calls[0].function.name',
      /expected the name of the function/,
    ],
    ["tool_calls: ' '", withToolCalls(' '), 'messages[1].tool_calls', /expected an array of tool calls.*got " "/],
    ['tool_calls: [null]', withToolCalls([null]), 'messages[1].tool_calls[0]', /expected a tool call.*got null/],
    ['a sparse content array', { messages: [{ role: 'user', content: sparseParts }] }, 'messages[0].content[0]', /expected a content part/],
    ["name: ['a']", { messages: [{ role: 'user', content: 'hi', name: ['a'] }] }, 'messages[0].name', /expected a string, got an array/],
    ['a symbol as content', { messages: [{ role: 'user', content: Symbol('x') }] }, 'messages[0].content', /got a symbol/],
    ['a symbol in a field passed through', { vendor_option: Symbol('x') }, 'vendor_option', /expected JSON data, got a symbol/],
    ['an object without a prototype as temperature', { temperature: Object.create(null) }, 'temperature', /expected a number.*got an object/],
    ['max_completion_tokens: 10n', { max_completion_tokens: 10n }, 'max_completion_tokens', /got 10n \(a BigInt\)/],
    ['a BigInt in a field passed through', { vendor_option: { limit: 10n } }, 'vendor_option.limit', /JSON has no BigInt/],
    ['a function in a field passed through', { vendor_option: () => 1 }, 'vendor_option', /expected JSON data, got a function/],
    ['NaN in a field passed through', { vendor_option: [NaN] }, 'vendor_option[0]', /expected a finite number, got NaN/],
    ['max_tokens: { value: null }', { max_tokens: { value: null } }, 'max_tokens', /expected a whole number.*got an object/],
  ];
  it.each(cases)('%s', async (_name, fields, param, message) => {
    expectNamed(await rejectedThenServed(fields), param, message);
  });
});

describe('a circular structure anywhere is named where it loops, before the body is built', () => {
  const cases: Array<[string, () => Record<string, unknown>, string, string]> = [
    [
      'in a message',
      () => ({ messages: [{ role: 'user', content: 'hi', extra: circular({ type: 'object' }) }] }),
      'messages[0].extra.self',
      'messages[0].extra',
    ],
    [
      "in a tool's parameters",
      () => ({ tools: [{ ...weatherTool, function: { name: 'f', parameters: circular({ type: 'object' }) } }] }),
      'tools[0].function.parameters.self',
      'tools[0].function.parameters',
    ],
    ['in metadata', () => ({ metadata: circular({ type: 'object' }) }), 'metadata.self', 'metadata'],
    ['in a field passed through', () => ({ vendor_option: circular({ type: 'object' }) }), 'vendor_option.self', 'vendor_option'],
  ];
  it.each(cases)('%s', async (_name, fields, param, repeated) => {
    expectNamed(await rejectedThenServed(fields()), param, `refers back to ${repeated}: a circular structure`);
  });

  it('a stream request too', async () => {
    const error = await rejectedThenServed({ stream: true, vendor_option: circular({ type: 'object' }) });
    expectNamed(error, 'vendor_option.self', 'circular structure');
  });

  it('nesting deeper than 100 levels', async () => {
    const error = await rejectedThenServed({ vendor_option: nested(3_000, 'object') });
    expectNamed(error, `vendor_option${'.inner'.repeat(99)}`, 'nested more than 100 levels deep');
  });
});

describe('a tool type an API other than OpenAI has not is a BadRequestError naming it, not a crash in the request builder', () => {
  it.each(['anthropic', 'gemini', 'cohere'])('%s', async (provider) => {
    const server = await mockServer(json({}));
    const router = testRouter({ deployments: [{ model: 'm', provider, apiKey: 'k', baseUrl: server.url }], retries: 0 });
    const tools = [{ type: 'web_search' }];
    const error = await rejectionOf(router.completion({ model: 'm', messages: hi, tools } as unknown as ChatCompletionRequest));
    expect(error).toBeInstanceOf(BadRequestError);
    expectNamed(error as BadRequestError, 'tools[0]', `this tool is of type "web_search"; provider '${provider}'`);
    expect(server.calls).toHaveLength(0);
  });
});
