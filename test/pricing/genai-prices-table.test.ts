import { describe, expect, it } from 'vitest';
import { tablePriceSchedule } from '../../src/pricing/genai-prices-table.js';
import { pricingAt } from '../../src/pricing/price-schedule.js';

describe('the price table', () => {
  const at = (iso: string) => Date.parse(iso);
  const priceOf = (provider: string, model: string, when = at('2026-11-21T12:00:00Z')) => {
    const schedule = tablePriceSchedule(provider, model);
    return schedule && pricingAt(schedule, when);
  };

  it.each([
    ['anthropic', 'claude-sonnet-4-5', 3, 15],
    ['google', 'gemini-2.5-pro', 1.25, 10],
    ['aws', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 3, 15],
    ['mistral', 'mistral-large-latest', 2, 6],
    ['groq', 'llama-3.3-70b-versatile', 0.59, 0.79],
    ['x-ai', 'grok-3', 3, 15],
    ['cohere', 'command-r-plus', 2.5, 10],
    ['openai', 'gpt-4o-mini', 0.15, 0.6],
  ])('%s %s: $%d in, $%d out per million', (provider, model, input, output) => {
    expect(priceOf(provider, model)).toMatchObject({ inputPerMTok: input, outputPerMTok: output });
  });

  it('carries cache and long-context prices', () => {
    expect(priceOf('anthropic', 'claude-sonnet-4-5')).toMatchObject({
      cachedInputPerMTok: 0.3,
      cacheWritePerMTok: 3.75,
      tiers: [{ aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5, cachedInputPerMTok: 0.6, cacheWritePerMTok: 7.5 }],
    });
  });

  it("follows DeepSeek's time-of-day prices", () => {
    expect(priceOf('deepseek', 'deepseek-chat', at('2026-11-21T12:00:00Z'))).toMatchObject({ inputPerMTok: 0.27, outputPerMTok: 1.1 });
    expect(priceOf('deepseek', 'deepseek-chat', at('2026-11-21T20:00:00Z'))).toMatchObject({ inputPerMTok: 0.135, outputPerMTok: 0.55 });
  });

  it('has no entry for an unknown model', () => {
    expect(tablePriceSchedule('openai', 'no-such-model-anywhere')).toBeUndefined();
  });
});
