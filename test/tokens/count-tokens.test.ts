import { describe, expect, it } from 'vitest';
import { countTokens } from 'switchyard';
import { encodingFor } from '../../src/tokens/count-tokens.js';

describe('countTokens', () => {
  it('counts chat tokens as OpenAI does: framing per message and for the reply', () => {
    // "hello world" is 2 tokens and "user" 1: 3 per message + 1 + 2 + 3 for the reply.
    expect(countTokens('gpt-4o', [{ role: 'user', content: 'hello world' }])).toBe(9);
    expect(countTokens('gpt-4o', [{ role: 'user', content: 'hello world', name: 'ann' }])).toBeGreaterThan(9);
  });

  it('picks the encoding by model family', () => {
    expect(encodingFor('gpt-4o-mini')).toBe('o200k_base');
    expect(encodingFor('openai/gpt-4.1')).toBe('o200k_base');
    expect(encodingFor('o3-mini')).toBe('o200k_base');
    expect(encodingFor('gpt-5')).toBe('o200k_base');
    expect(encodingFor('gpt-4-turbo')).toBe('cl100k_base');
    expect(encodingFor('gpt-3.5-turbo')).toBe('cl100k_base');
    expect(encodingFor('claude-sonnet-4-5')).toBe('o200k_base');
  });

  it('counts tools, tool calls and text parts', () => {
    const messages = [
      {
        role: 'user' as const,
        content: [
          { type: 'text' as const, text: 'weather?' },
          { type: 'image_url' as const, image_url: { url: 'https://x/y.png' } },
        ],
      },
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'weather', arguments: '{"city":"Oslo"}' } }],
      },
    ];
    const base = countTokens('gpt-4o', messages);
    const tools = [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    expect(countTokens('gpt-4o', messages, tools)).toBeGreaterThan(base + 8);
    expect(base).toBeGreaterThan(85);
  });
});
