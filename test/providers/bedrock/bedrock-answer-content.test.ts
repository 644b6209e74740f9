import { describe, expect, it } from 'vitest';
import type { DeploymentConfig } from 'switchyard';
import { bedrockEventStream, bedrockFrame } from '../../support/bedrock-frames.js';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import { record } from '../../support/events.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, nonStringTexts, textOf, toolCallsOf } from '../../support/streams.js';
import { functionCall } from '../../support/function-call.js';

const claude = (server: MockProviderServer): DeploymentConfig => ({
  model: 'claude',
  provider: 'bedrock',
  providerModel: 'anthropic.claude-sonnet-4-5-v1:0',
  baseUrl: server.origin,
  apiKey: 'bedrock-api-key-0000',
  pricing: { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, cacheWritePerMTok: 3.75 },
});
const reasoningOf = (chunks: Awaited<ReturnType<typeof collect>>) => chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');
const delta = (contentBlockIndex: number, content: unknown) => bedrockFrame('contentBlockDelta', { contentBlockIndex, delta: content, p: 'abcdefgh' });

describe('bedrock answer content', () => {
  it('gives reasoning text as reasoning_content, leaves redacted reasoning out, keeps cited text; cache reads and writes in the prompt', async () => {
    const content = [
      { reasoningContent: { reasoningText: { text: "Let me count the r's.", signature: 'EvYBCkgICxAB' } } },
      { reasoningContent: { redactedContent: 'cnNuX3BVUGgxNnRv' } },
      { text: 'Based on the document, ' },
      {
        citationsContent: {
          content: [{ text: 'AI automates tasks.' }],
          citations: [{ title: 'benefits.txt', location: { documentPage: { documentIndex: 0, start: 1, end: 2 } } }],
        },
      },
    ];
    const answer = {
      output: { message: { role: 'assistant', content } },
      stopReason: 'end_turn',
      usage: { inputTokens: 51, outputTokens: 78, cacheReadInputTokenCount: 100, cacheWriteInputTokenCount: 20, serverToolUsage: {}, totalTokens: 249 },
    };
    const { router } = await routerOnMockServer(json(answer), claude, { retries: 0 });
    const success = record(router, 'success');
    const response = await router.completion({ model: 'claude', messages: hi });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      refusal: null,
      content: 'Based on the document, AI automates tasks.',
      reasoning_content: "Let me count the r's.",
    });
    expect(response.usage).toEqual({
      prompt_tokens: 171,
      completion_tokens: 78,
      total_tokens: 249,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 20 },
    });
    expect(success.success[0]?.costUsd).toBeCloseTo((51 * 3 + 100 * 0.3 + 20 * 3.75 + 78 * 15) / 1e6, 12);
  });

  it('streams reasoning text as reasoning_content; signatures, redacted reasoning, citations and empty text blocks add nothing', async () => {
    const frames = [
      bedrockFrame('messageStart', { role: 'assistant', p: 'abcdefghijklmnopqrstuvwxyz' }),
      delta(0, { text: '' }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 0 }),
      delta(1, { reasoningContent: { text: 'The user wants ' } }),
      delta(1, { reasoningContent: { text: 'a search.' } }),
      delta(1, { reasoningContent: { signature: 'EqoBCkgIAhAB' } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 1 }),
      delta(2, { reasoningContent: { redactedContent: 'cnNuX3BVUGgxNnRv' } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 2 }),
      delta(3, { citation: { location: { documentPage: { documentIndex: 0, start: 1, end: 2 } }, sourceContent: [{ text: 'AI 1' }], title: 'doc' } }),
      delta(3, { text: 'Searching.' }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 3 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 4, start: { toolUse: { toolUseId: 'functions.glob_search:0', name: 'get_weather' } } }),
      delta(4, { toolUse: { input: '{"city": "Oslo"}' } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 4 }),
      delta(5, { text: '' }),
      bedrockFrame('messageStop', { stopReason: 'tool_use', additionalModelResponseFields: { delta: { stop_sequence: null } } }),
      bedrockFrame('metadata', { usage: { inputTokens: 217, outputTokens: 75, cacheReadInputTokens: 1000, serverToolUsage: {}, totalTokens: 1292 } }),
    ];
    const { router } = await routerOnMockServer(bedrockEventStream(frames), claude, { retries: 0 });
    const chunks = await collect(
      await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true, stream_options: { include_usage: true } }),
    );
    expect(textOf(chunks)).toBe('Searching.');
    expect(reasoningOf(chunks)).toBe('The user wants a search.');
    expect(toolCallsOf(chunks)).toEqual([{ id: 'functions.glob_search:0', name: 'get_weather', arguments: '{"city": "Oslo"}' }]);
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1217, completion_tokens: 75, total_tokens: 1292, prompt_tokens_details: { cached_tokens: 1000 } },
    });
  });
});

describe('bedrock tool calls without arguments', () => {
  it('streams "{}" for a toolUse block with no input (or only ""), as Converse gives it', async () => {
    const frames = [
      bedrockFrame('messageStart', { role: 'assistant' }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 0 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_2', name: 'get_weather' } } }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 1 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_3', name: 'get_weather' } } }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":"Oslo"}' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 2 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 3, start: { toolUse: { toolUseId: 'tooluse_4', name: 'get_weather' } } }),
      bedrockFrame('messageStop', { stopReason: 'tool_use' }),
      bedrockFrame('metadata', { usage: { inputTokens: 20, outputTokens: 9 } }),
    ];
    const { router } = await routerOnMockServer(bedrockEventStream(frames), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    expect(toolCallsOf(chunks)).toEqual([
      { id: 'tooluse_1', name: 'get_weather', arguments: '{}' },
      { id: 'tooluse_2', name: 'get_weather', arguments: '{}' },
      { id: 'tooluse_3', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { id: 'tooluse_4', name: 'get_weather', arguments: '{}' },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('gives "{}" for a toolUse with an empty input in a whole answer', async () => {
    const answer = {
      output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: {} } }] } },
      stopReason: 'tool_use',
      usage: { inputTokens: 20, outputTokens: 9 },
    };
    const { router } = await routerOnMockServer(json(answer), claude, { retries: 0 });
    const response = await router.completion({ model: 'claude', messages: hi, tools: [weatherTool] });
    expect(functionCall(response.choices[0]?.message)?.arguments).toBe('{}');
  });
});

describe('bedrock fields that are not strings', () => {
  /** Numbers, objects and arrays where Converse promises strings: none of them reaches a text, the strings around them do. */
  const odd = [42, { text: 'not this' }, ['nor', 'this'], true];

  it('adds only strings to content, reasoning_content and tool calls of a whole answer', async () => {
    const content = [
      ...odd.map((text) => ({ reasoningContent: { reasoningText: { text, signature: 'sig' } } })),
      { reasoningContent: { reasoningText: { text: 'Real thinking.', signature: 'sig' } } },
      ...odd.map((text) => ({ text })),
      { text: 'Real text' },
      { citationsContent: { content: [...odd.map((text) => ({ text })), { text: ', cited.' }] } },
      { citationsContent: { content: { text: 'not a list' } } },
      null,
      { toolUse: { toolUseId: 9, name: ['get_weather'], input: { city: 'Oslo' } } },
    ];
    const answer = { output: { message: { role: 'assistant', content } }, stopReason: 'tool_use', usage: { inputTokens: 20, outputTokens: 9 } };
    const { router } = await routerOnMockServer(json(answer), claude, { retries: 0 });
    const response = await router.completion({ model: 'claude', messages: hi, tools: [weatherTool] });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      refusal: null,
      content: 'Real text, cited.',
      reasoning_content: 'Real thinking.',
      tool_calls: [{ id: '', type: 'function', function: { name: '', arguments: '{"city":"Oslo"}' } }],
    });
  });

  it('streams only strings as content, reasoning_content and input fragments', async () => {
    const frames = [
      bedrockFrame('messageStart', { role: 'assistant' }),
      ...odd.map((text) => delta(0, { reasoningContent: { text } })),
      delta(0, { reasoningContent: { text: 'Real thinking.' } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 0 }),
      ...odd.map((text) => delta(1, { text })),
      delta(1, { text: 'Real text.' }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 1 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 2, start: { toolUse: { toolUseId: 9, name: { name: 'get_weather' } } } }),
      ...odd.map((input) => delta(2, { toolUse: { input } })),
      delta(2, { toolUse: { input: '{"city":"Oslo"}' } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 2 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 3, start: { toolUse: { toolUseId: 'tooluse_2', name: 'get_weather' } } }),
      delta(3, { toolUse: { input: { city: 'Oslo' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 3 }),
      bedrockFrame('messageStop', { stopReason: 'tool_use' }),
      bedrockFrame('metadata', { usage: { inputTokens: 20, outputTokens: 9 } }),
    ];
    const { router } = await routerOnMockServer(bedrockEventStream(frames), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    expect(nonStringTexts(chunks)).toEqual([]);
    expect(textOf(chunks)).toBe('Real text.');
    expect(reasoningOf(chunks)).toBe('Real thinking.');
    expect(toolCallsOf(chunks)).toEqual([
      { id: '', name: '', arguments: '{"city":"Oslo"}' },
      { id: 'tooluse_2', name: 'get_weather', arguments: '{}' },
    ]);
  });
});
