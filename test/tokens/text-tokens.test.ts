import { describe, expect, it } from 'vitest';
import { countTokens, type ChatMessage, type ChatTool } from 'switchyard';
import { encoder } from '../../src/tokens/encoders.js';
import { EXACT_CHARS } from '../../src/tokens/text-tokens.js';

/** Framing of one user message: 3 for the message, 1 for "user", 3 for the reply. */
const FRAMING = 7;
const WORDS = 'the router counts every prompt before it picks where a call goes, then settles what it used'.split(' ');

/** Prose of about `length` characters that no other test counts (the counts are remembered). */
function prose(length: number, seed: number): string {
  const words: string[] = [];
  for (let i = 0, chars = 0; chars < length; i++) {
    const word = `${WORDS[(i * 7 + seed) % WORDS.length]}${i % 13 === seed % 13 ? seed : ''}`;
    words.push(word);
    chars += word.length + 1;
  }
  return words.join(' ');
}

function user(content: unknown): ChatMessage[] {
  return [{ role: 'user', content } as ChatMessage];
}

function tiktokenCount(text: string): number {
  return encoder('o200k_base').encode_ordinary(text).length;
}

// Megabytes of text take seconds beside busy processes: the bound ends a real hang, it does not time the work.
describe('countTokens on any text', { timeout: 60_000 }, () => {
  it('counts 100,000 and 1,000,000 copies of one letter (tiktoken alone stalls on one and crashes on the other)', () => {
    // Eight copies of a letter make a token in o200k.
    expect(countTokens('gpt-4o', user('a'.repeat(100_000)))).toBeCloseTo(FRAMING + 12_500, -3);
    expect(countTokens('gpt-4o', user('a'.repeat(1_000_000)))).toBeCloseTo(FRAMING + 125_000, -4);
  });

  it('counts exactly up to the limit, when no run of letters or symbols is longer than 256', () => {
    const text = prose(EXACT_CHARS - 100, 1);
    expect(countTokens('gpt-4o', user(text))).toBe(FRAMING + tiktokenCount(text));
  });

  it('estimates a longer text from a sample, within 2% of its count', () => {
    const text = prose(300_000, 2);
    const counted = countTokens('gpt-4o', user(text)) - FRAMING;
    expect(Math.abs(counted - tiktokenCount(text)) / tiktokenCount(text)).toBeLessThan(0.02);
  });

  it('estimates many texts past the limit at the rate counted so far, within 2% of their count', () => {
    const texts = Array.from({ length: 40 }, (_, i) => prose(10_000, 100 + i));
    const exact = texts.reduce((sum, text) => sum + tiktokenCount(text), 0);
    const counted =
      countTokens(
        'gpt-4o',
        texts.map((content) => ({ role: 'user', content })),
      ) -
      3 -
      4 * texts.length;
    expect(Math.abs(counted - exact) / exact).toBeLessThan(0.02);
  });

  it('counts nothing for what is not text, and throws on no shape', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const sparse: unknown[] = [null, 'text', { type: 'refusal', refusal: {} }];
    sparse[5] = { type: 'text' };
    const empty = countTokens('gpt-4o', user(''));
    const malformed: unknown[] = [
      user([{ type: 'text', text: 0 }]),
      user(sparse),
      user({ text: 'hello' }),
      user(Symbol('x')),
      [{ role: 'user', content: '', name: {} }],
      [{ role: 'user', content: '', name: ['a'] }],
      [{ role: 'assistant', content: '', tool_calls: ' ' }],
      [{ role: 'assistant', content: '', tool_calls: [null, { type: 'function' }, { function: { name: 1, arguments: 10n } }] }],
    ];
    for (const messages of malformed) expect(countTokens('gpt-4o', messages as ChatMessage[])).toBe(empty);
    expect(countTokens('gpt-4o', [{ role: Object.create(null) as string, content: '' }] as ChatMessage[])).toBe(empty - 1);
    expect(countTokens('gpt-4o', [null, undefined, 0] as unknown as ChatMessage[])).toBe(3);
    expect(countTokens('gpt-4o', 'hi' as never)).toBe(3);
    expect(countTokens(42 as never, user(''))).toBe(empty);
    const tools = [undefined, 0, { type: 'function', function: circular }, { type: 'function', function: { name: 'big', n: 10n } }];
    expect(countTokens('gpt-4o', user(''), tools as unknown as ChatTool[])).toBe(empty + 2 * 8);
  });

  it('counts emoji and mixed scripts without splitting a character', () => {
    const emoji = '👩‍💻🚀'.repeat(20_000);
    const mixed = 'добрый день 你好世界 مرحبا '.repeat(2_000);
    expect(countTokens('gpt-4o', user(emoji))).toBeGreaterThan(emoji.length / 8);
    expect(countTokens('gpt-4o', user(mixed))).toBeGreaterThan(mixed.length / 8);
  });
});
