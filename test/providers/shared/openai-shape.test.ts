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
          message: { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        },
      ],
    } as ChatCompletion;
    expect(normaliseOpenAICompletion(calling)).toBe(calling);
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
