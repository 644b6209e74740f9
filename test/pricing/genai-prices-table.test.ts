import { describe, expect, it } from 'vitest';
import { callCostUsd } from '../../src/pricing/call-cost.js';
import { tablePriceSchedule } from '../../src/pricing/genai-prices-table.js';
import { pricingAt } from '../../src/pricing/price-schedule.js';
import { tableCostUsd, tablePrice } from '../support/price-table.js';

/** Every expected number below is read from the table's own entry, so these tests follow the table's updates. */
describe('the price table', () => {
  const noon = new Date('2026-11-21T12:00:00Z');
  const priceOf = (provider: string, model: string, when = noon) => {
    const schedule = tablePriceSchedule(provider, model);
    return schedule && pricingAt(schedule, when.getTime());
  };

  it.each([
    ['anthropic', 'claude-sonnet-4-5'],
    ['google', 'gemini-2.5-pro'],
    ['aws', 'anthropic.claude-3-5-sonnet-20241022-v2:0'],
    ['mistral', 'mistral-large-latest'],
    ['groq', 'llama-3.3-70b-versatile'],
    ['x-ai', 'grok-3'],
    ['cohere', 'command-r-plus'],
    ['openai', 'gpt-4o-mini'],
  ])('%s %s: the listed input and output prices per million tokens', (provider, model) => {
    const input = tablePrice(provider, model, 'input_mtok', noon);
    const output = tablePrice(provider, model, 'output_mtok', noon);
    expect(input).toBeGreaterThan(0);
    expect(output).toBeGreaterThan(0);
    expect(priceOf(provider, model)).toMatchObject({ inputPerMTok: input, outputPerMTok: output });
  });

  it('carries cache and long-context prices: a call costs what the table itself charges, below and above the tier', () => {
    const pricing = priceOf('anthropic', 'claude-sonnet-4-5');
    expect(pricing?.tiers?.length).toBeGreaterThan(0);
    for (const prompt of [10_000, 250_000]) {
      const usage = {
        prompt_tokens: prompt,
        completion_tokens: 1_000,
        total_tokens: prompt + 1_000,
        prompt_tokens_details: { cached_tokens: 3_000, cache_write_tokens: 2_000 },
      };
      const charged = tableCostUsd(
        'anthropic',
        'claude-sonnet-4-5',
        { input_tokens: prompt, output_tokens: 1_000, cache_read_tokens: 3_000, cache_write_tokens: 2_000 },
        noon,
      );
      expect(callCostUsd(usage, pricing!), `${prompt} prompt tokens`).toBeCloseTo(charged, 12);
    }
  });

  it("follows DeepSeek's time-of-day prices", () => {
    const evening = new Date('2026-11-21T20:00:00Z');
    const at = (when: Date) => ({
      inputPerMTok: tablePrice('deepseek', 'deepseek-chat', 'input_mtok', when),
      outputPerMTok: tablePrice('deepseek', 'deepseek-chat', 'output_mtok', when),
    });
    expect(at(evening).inputPerMTok).toBeLessThan(at(noon).inputPerMTok!);
    expect(priceOf('deepseek', 'deepseek-chat', noon)).toMatchObject(at(noon));
    expect(priceOf('deepseek', 'deepseek-chat', evening)).toMatchObject(at(evening));
  });

  it('has no entry for an unknown model', () => {
    expect(tablePriceSchedule('openai', 'no-such-model-anywhere')).toBeUndefined();
  });
});
