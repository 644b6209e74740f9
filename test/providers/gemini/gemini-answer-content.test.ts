import { describe, expect, it } from 'vitest';
import type { DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import { record } from '../../support/events.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json, sse } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, nonStringTexts, textOf, toolCallsOf } from '../../support/streams.js';

const gemini = (server: MockProviderServer): DeploymentConfig => ({
  model: 'gemini',
  provider: 'gemini',
  providerModel: 'gemini-3-pro-preview',
  apiKey: 'AIza-test-0000',
  baseUrl: `${server.origin}/v1beta`,
  pricing: { inputPerMTok: 2, outputPerMTok: 12, cachedInputPerMTok: 0.2 },
});
const answer = (parts: unknown[], usageMetadata: unknown, finishReason?: string) => ({
  candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}), index: 0 }],
  usageMetadata,
  modelVersion: 'gemini-3-pro-preview',
  responseId: 'Un6LacrVMcjUxs0PmJfWoQc',
});
const reasoningOf = (chunks: Awaited<ReturnType<typeof collect>>) => chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');

describe('gemini answer content', () => {
  it('keeps thought parts out of content (as reasoning_content) and signatures out of all; thoughts are completion and reasoning tokens', async () => {
    const parts = [
      { text: 'The user counts letters.', thought: true },
      { text: "There are **3** r's.", thoughtSignature: 'EtoFCtcFAb4+9vtf' },
      { functionCall: { name: 'get_weather' }, thoughtSignature: 'EskgCsYgAb4+9vtF' },
    ];
    const usageMetadata = {
      promptTokenCount: 9,
      cachedContentTokenCount: 4,
      toolUsePromptTokenCount: 3,
      candidatesTokenCount: 28,
      thoughtsTokenCount: 244,
      totalTokenCount: 284,
    };
    const { router } = await routerOnMockServer(json(answer(parts, usageMetadata, 'STOP')), gemini, { retries: 0 });
    const success = record(router, 'success');
    const response = await router.completion({ model: 'gemini', messages: hi, tools: [weatherTool] });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      refusal: null,
      content: "There are **3** r's.",
      reasoning_content: 'The user counts letters.',
      tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
    });
    expect(response.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 272,
      total_tokens: 284,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 244 },
    });
    expect(success.success[0]?.costUsd).toBeCloseTo((8 * 2 + 4 * 0.2 + 272 * 12) / 1e6, 12);
  });

  it('streams thought parts as reasoning_content, never as content, and a call without args as "{}"', async () => {
    const running = (thoughts: number, candidates?: number) => ({ promptTokenCount: 6, candidatesTokenCount: candidates, thoughtsTokenCount: thoughts });
    const events = [
      answer([{ text: '*   User input: "Reply with exactly: hello"\n', thought: true }], running(14)),
      answer([{ text: '*   Output: "hello"', thought: true }], running(76)),
      answer([{ text: 'hello' }], running(76, 1)),
      answer([{ functionCall: { name: 'get_weather', args: null, id: 'g1bmv6il' }, thoughtSignature: 'EqsGCqgG' }], running(76, 9)),
      answer([{ text: '', thoughtSignature: 'EqUCCqIC' }], { ...running(76, 9), totalTokenCount: 91 }, 'STOP'),
    ];
    const { router } = await routerOnMockServer(sse(events), gemini, { retries: 0 });
    const chunks = await collect(
      await router.completion({ model: 'gemini', messages: hi, tools: [weatherTool], stream: true, stream_options: { include_usage: true } }),
    );
    expect(textOf(chunks)).toBe('hello');
    expect(reasoningOf(chunks)).toBe('*   User input: "Reply with exactly: hello"\n*   Output: "hello"');
    expect(toolCallsOf(chunks)).toEqual([{ id: 'g1bmv6il', name: 'get_weather', arguments: '{}' }]);
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 6, completion_tokens: 85, total_tokens: 91, completion_tokens_details: { reasoning_tokens: 76 } },
    });
  });
});

describe('gemini fields that are not strings', () => {
  /** Numbers, objects and arrays where Gemini promises strings: none of them reaches a text, the strings around them do. */
  const odd = [42, { text: 'not this' }, ['nor', 'this'], true];
  const parts = [
    ...odd.map((text) => ({ text, thought: true })),
    { text: 'Real thinking.', thought: true },
    ...odd.map((text) => ({ text })),
    { text: 'Real text.' },
    null,
    { functionCall: { id: 5, name: { name: 'get_weather' }, args: { city: 'Oslo' } } },
  ];

  it('adds only strings to content, reasoning_content and tool calls of a whole answer', async () => {
    const { router } = await routerOnMockServer(json(answer(parts, { promptTokenCount: 5, candidatesTokenCount: 3 }, 'STOP')), gemini, { retries: 0 });
    const response = await router.completion({ model: 'gemini', messages: hi, tools: [weatherTool] });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      refusal: null,
      content: 'Real text.',
      reasoning_content: 'Real thinking.',
      tool_calls: [{ id: 'call_0', type: 'function', function: { name: '', arguments: '{"city":"Oslo"}' } }],
    });
  });

  it('streams only strings as content and reasoning_content', async () => {
    const events = [...parts.map((part) => answer([part], { promptTokenCount: 5 })), answer([], { promptTokenCount: 5, candidatesTokenCount: 3 }, 'STOP')];
    const { router } = await routerOnMockServer(sse(events), gemini, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'gemini', messages: hi, tools: [weatherTool], stream: true }));
    expect(nonStringTexts(chunks)).toEqual([]);
    expect(textOf(chunks)).toBe('Real text.');
    expect(reasoningOf(chunks)).toBe('Real thinking.');
    expect(toolCallsOf(chunks)).toEqual([{ id: 'call_0', name: '', arguments: '{"city":"Oslo"}' }]);
  });
});
