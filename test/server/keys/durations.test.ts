import { describe, expect, it } from 'vitest';
import { budgetPeriod, durationMs } from '../../../src/server/rules/durations.js';

describe("LiteLLM's durations", () => {
  it('maps budget durations to router periods, 1mo to 30 days', () => {
    expect(['30m', '1h', '1d', '7d', '30d', '2w'].map(budgetPeriod)).toEqual(['30m', '1h', '1d', '7d', '30d', '2w']);
    expect(budgetPeriod('1mo')).toBe('30d');
    expect(budgetPeriod('3mo')).toBe('90d');
  });

  it('has no budget period for seconds nor for anything else', () => {
    for (const duration of ['30s', '0d', '1y', 'd', '1.5h', ' 1d', '1D', '']) expect(budgetPeriod(duration), duration).toBeUndefined();
  });

  it("takes seconds for a key's duration", () => {
    expect(durationMs('30s')).toBe(30_000);
    expect(durationMs('20m')).toBe(1_200_000);
    expect(durationMs('2h')).toBe(7_200_000);
    expect(durationMs('1d')).toBe(86_400_000);
    expect(durationMs('1w')).toBe(604_800_000);
    expect(durationMs('1mo')).toBe(30 * 86_400_000);
    expect(durationMs('1y')).toBeUndefined();
    expect(durationMs('99999999999999999999d')).toBeUndefined();
  });
});
