import { createRequire } from 'node:module';
import type * as GenaiPrices from '@pydantic/genai-prices';
import type { DeploymentPricing, PricingTier } from '../deployments/deployment-config.js';
import { frozenPricing } from './frozen-pricing.js';
import type { PriceCondition, PriceSchedule } from './price-schedule.js';

/**
 * The price table: @pydantic/genai-prices, a community-maintained list of LLM prices
 * (Pydantic's genai-prices project, sourced from the providers' pricing pages). It is
 * ~500 KB of data, so it is required on the first look-up, not at import.
 */
let table: typeof GenaiPrices | undefined;

type TablePrice = GenaiPrices.ModelPrice[string];

/** The table's fields we price, by our name. Audio, image and per-request prices are not priced. */
const FIELDS = {
  inputPerMTok: 'input_mtok',
  outputPerMTok: 'output_mtok',
  cachedInputPerMTok: 'cache_read_mtok',
  cacheWritePerMTok: 'cache_write_mtok',
  reasoningPerMTok: 'output_reasoning_mtok',
} as const;

type PriceField = keyof typeof FIELDS;

function basePrice(price: TablePrice): number | undefined {
  return typeof price === 'number' ? price : price?.base;
}

/** The price of a tiered field once the prompt is past `start`: its tier with the largest start not above it. */
function priceFrom(price: TablePrice, start: number): number | undefined {
  if (typeof price !== 'object') return undefined;
  let chosen: number | undefined;
  for (const tier of price.tiers) if (tier.start <= start) chosen = tier.price;
  return chosen;
}

function toPricing(prices: GenaiPrices.ModelPrice): DeploymentPricing | undefined {
  const input = basePrice(prices.input_mtok);
  if (input === undefined) return undefined;
  const pricing: DeploymentPricing = { inputPerMTok: input, outputPerMTok: basePrice(prices.output_mtok) ?? 0 };
  const starts = new Set<number>();
  for (const [field, key] of Object.entries(FIELDS) as [PriceField, string][]) {
    const price = prices[key];
    if (field !== 'inputPerMTok' && field !== 'outputPerMTok') pricing[field] = basePrice(price);
    if (typeof price === 'object') for (const tier of price.tiers) starts.add(tier.start);
  }
  if (starts.size > 0) {
    pricing.tiers = [...starts].map((start) => {
      const tier: PricingTier = { aboveInputTokens: start };
      for (const [field, key] of Object.entries(FIELDS) as [PriceField, string][]) tier[field] = priceFrom(prices[key], start);
      return tier;
    });
  }
  return frozenPricing(pricing);
}

function secondOfDay(time: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = time.replace(/Z$/, '').split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

function toCondition(constraint: GenaiPrices.ConditionalPrice['constraint']): PriceCondition {
  if (!constraint) return { kind: 'always' };
  if (constraint.type === 'start_date') return { kind: 'from', fromMs: Date.parse(constraint.start_date) };
  return { kind: 'daily', startSecond: secondOfDay(constraint.start_time), endSecond: secondOfDay(constraint.end_time) };
}

/**
 * A model's prices from the table, found the way genai-prices finds them (exact ids,
 * patterns, dated names, the provider's fallback providers such as OpenAI's for Azure).
 * `provider` is the table's provider id (`openai`, `aws`, `google`, `x-ai`…).
 */
export function tablePriceSchedule(provider: string, model: string): PriceSchedule | undefined {
  table ??= createRequire(import.meta.url)('@pydantic/genai-prices') as typeof GenaiPrices;
  let found: GenaiPrices.PriceCalculationResult;
  try {
    found = table.calcPrice({}, model, { providerId: provider });
  } catch {
    return undefined;
  }
  if (!found) return undefined;
  const conditional = Array.isArray(found.model.prices) ? found.model.prices : [{ prices: found.model.prices }];
  const entries: PriceSchedule['entries'][number][] = [];
  for (const { constraint, prices } of conditional) {
    const pricing = toPricing(prices);
    if (pricing) entries.push({ condition: toCondition(constraint), pricing });
  }
  return entries.length > 0 ? { entries } : undefined;
}
