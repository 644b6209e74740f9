import { calcPrice } from '@pydantic/genai-prices';

/** Usage as the price table counts it: `input_tokens` include the cache reads and writes. */
export interface TableUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_tokens?: number;
  cache_write_tokens?: number;
}

function lookUp(provider: string, model: string, usage: TableUsage, at: Date) {
  const found = calcPrice({ ...usage }, model, { providerId: provider, timestamp: at });
  if (!found) throw new Error(`the price table has no entry for ${provider}/${model}`);
  return found;
}

/**
 * What the price table itself charges for this usage, by its own look-up and arithmetic
 * (`provider` is the table's id: `openai`, `anthropic`, `azure`, `aws`…). Tests of table
 * prices compare with it instead of copying the table's numbers, so a table update does
 * not break them.
 */
export function tableCostUsd(provider: string, model: string, usage: TableUsage, at = new Date()): number {
  return lookUp(provider, model, usage, at).total_price;
}

/** The base price per million tokens of one field of the table's own entry (`input_mtok`, `output_mtok`, `cache_read_mtok`…). */
export function tablePrice(provider: string, model: string, field: string, at = new Date()): number | undefined {
  const price = lookUp(provider, model, {}, at).model_price[field];
  return typeof price === 'number' ? price : price?.base;
}
