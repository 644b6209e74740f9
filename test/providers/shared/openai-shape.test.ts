import { describe, expect, it } from 'vitest';
import type { ChatCompletion, ChatCompletionChunk, CompletionUsage } from 'switchyard';
import { normaliseOpenAICompletion, normaliseOpenAIUsage, OpenAIChunkNormaliser } from '../../../providers/shared/openai-shape.js';
import { openAICompletion, openAIStreamEvents } from '../../support/mock-replies.js';

const usage = (fields: Record<string, unknown>) => fields as unknown as CompletionUsage;

describe('normaliseOpenAICompletion', () => {
  it('hands a plain OpenAI answer back as the same object, tool calls and all', () => {
    const answer = openAICompletion('Hello') as unknown as ChatCompletion;
    expect(normaliseOpenAICompletion(answer)).toBe(answer);
    const calling = {
      ...answer,
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          logprobs: null,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              { id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } },
              { id: 'd', type: 'custom', custom: { name: 'sql', input: 'select 1' } },
            ],
          },
        },
      ],
    } as ChatCompletion;
    expect(normaliseOpenAICompletion(calling)).toBe(calling);
  });

  it("gives what a compatible server leaves out as OpenAI sends it, and leaves out what the SDK's types do not take", () => {
    const { choices: _, ...top } = openAICompletion('');
    const sparse = {
      ...top,
      system_fingerprint: null,
      service_tier: 'on_demand',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' } }],
    } as unknown as ChatCompletion;
    const answer = normaliseOpenAICompletion(sparse);
    expect(answer).not.toHaveProperty('system_fingerprint');
    expect(answer).not.toHaveProperty('service_tier');
    expect(answer).toEqual({
      ...top,
      system_fingerprint: undefined,
      service_tier: undefined,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', refusal: null }, finish_reason: 'stop', logprobs: null }],
    });
    const given = { content: [{ token: 'Hi', bytes: [72, 105], logprob: -0.1, top_logprobs: [] }], refusal: null };
    const kept = { ...top, choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', refusal: 'no' }, finish_reason: 'length', logprobs: given }] };
    expect(normaliseOpenAICompletion(kept as unknown as ChatCompletion).choices[0]).toMatchObject({
      finish_reason: 'length',
      logprobs: given,
      message: { refusal: 'no' },
    });
  });

  it('keeps only strings as content, whatever shape the content has', () => {
    const shapes: Array<[unknown, string]> = [
      [{ type: 'text', text: 'one part' }, 'one part'],
      [[{ type: 'text', text: 'a' }, 'b', { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: { nested: 1 } }, 42, null], 'ab'],
      [{ nested: { text: 'no' } }, ''],
      [17, ''],
    ];
    for (const [content, text] of shapes) {
      const answer = {
        ...openAICompletion(''),
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      } as unknown as ChatCompletion;
      expect(normaliseOpenAICompletion(answer).choices[0]?.message.content, JSON.stringify(content)).toBe(text);
    }
  });
});

describe('OpenAIChunkNormaliser', () => {
  it('hands plain OpenAI chunks back as the same objects', () => {
    const normaliser = new OpenAIChunkNormaliser();
    for (const event of openAIStreamEvents(['Hel', 'lo'])) {
      if (event === '[DONE]') continue;
      const chunk = event as ChatCompletionChunk;
      expect(normaliser.normalise(chunk)).toBe(chunk);
    }
  });

  it("leaves out a null system_fingerprint (Azure) and a tier that is not OpenAI's, keeping the rest of the chunk", () => {
    const normaliser = new OpenAIChunkNormaliser();
    const chunk = openAIStreamEvents(['Hi'])[1] as ChatCompletionChunk;
    const out = normaliser.normalise({ ...chunk, system_fingerprint: null, service_tier: 'on_demand' } as unknown as ChatCompletionChunk);
    expect(out).not.toHaveProperty('system_fingerprint');
    expect(out).not.toHaveProperty('service_tier');
    expect(out).toEqual({ ...chunk, system_fingerprint: undefined, service_tier: undefined });
  });

  it('keeps an index a server gave, and numbers later unnumbered calls after it', () => {
    const normaliser = new OpenAIChunkNormaliser();
    const chunk = (toolCalls: unknown[]) =>
      ({
        id: 's',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }],
      }) as ChatCompletionChunk;
    const numbered = chunk([{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }]);
    expect(normaliser.normalise(numbered)).toBe(numbered);
    const next = normaliser.normalise(chunk([{ id: 'b', function: { name: 'g', arguments: '{}' } }]));
    expect(next?.choices[0]?.delta.tool_calls).toEqual([{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } }]);
  });
});

describe('normaliseOpenAIUsage', () => {
  it('moves reasoning inside completion_tokens only when that makes the total add up', () => {
    const xai = usage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 35, completion_tokens_details: { reasoning_tokens: 20 } });
    expect(normaliseOpenAIUsage(xai)).toMatchObject({ prompt_tokens: 10, completion_tokens: 25, total_tokens: 35 });
    const openai = usage({ prompt_tokens: 10, completion_tokens: 25, total_tokens: 35, completion_tokens_details: { reasoning_tokens: 20 } });
    expect(normaliseOpenAIUsage(openai)).toBe(openai);
    const unexplained = usage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 99, completion_tokens_details: { reasoning_tokens: 20 } });
    expect(normaliseOpenAIUsage(unexplained)).toBe(unexplained);
  });

  it('fills a missing total or count, and takes DeepSeek cache hits as cached tokens', () => {
    expect(normaliseOpenAIUsage(usage({ prompt_tokens: 10, completion_tokens: 5 }))).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    expect(normaliseOpenAIUsage(usage({ prompt_tokens: 10, total_tokens: 10 }))).toEqual({ prompt_tokens: 10, completion_tokens: 0, total_tokens: 10 });
    expect(normaliseOpenAIUsage(usage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_cache_hit_tokens: 8 }))).toMatchObject({
      prompt_tokens_details: { cached_tokens: 8 },
    });
  });
});
