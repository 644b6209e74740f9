import { nonNegativeNumber, checked } from './config-values.js';
import type { ConfigReport } from './config-report.js';
import type { DeploymentDraft } from './deployment-draft.js';
import type { KeyReader } from './read-mapping.js';

/** LiteLLM's prices, in USD per token, and the per-million-token fields they become. */
const PRICE_FIELDS = {
  input_cost_per_token: 'inputPerMTok',
  output_cost_per_token: 'outputPerMTok',
  cache_read_input_token_cost: 'cachedInputPerMTok',
  cache_creation_input_token_cost: 'cacheWritePerMTok',
  output_cost_per_reasoning_token: 'reasoningPerMTok',
} as const;

/** USD per token as USD per million tokens, without the float noise of the product (3e-6 → 3, not 2.9999999999999996). */
const perMillion = (perToken: number) => Number((perToken * 1_000_000).toPrecision(12));

/** Readers of the price keys, for `litellm_params` and `model_info` (which LiteLLM both accept). */
export function priceReaders(draft: DeploymentDraft, report: ConfigReport, rank: number): Record<string, KeyReader> {
  return Object.fromEntries(
    Object.entries(PRICE_FIELDS).map(([key, field]) => [
      key,
      (value: unknown, path: string) => {
        const perToken = checked(nonNegativeNumber('expected a price in USD per token of 0 or more, e.g. 0.000003'), value, path, report);
        if (perToken !== undefined) draft.price(field, perMillion(perToken), path, rank);
      },
    ]),
  );
}

/** A price needs both its input and its output side: one alone would price the other at nothing. */
export function checkPricing(draft: DeploymentDraft, report: ConfigReport): void {
  const given = new Map(draft.slots.parts<number>('pricing'));
  if (given.size === 0) return;
  const input = given.get('inputPerMTok');
  const output = given.get('outputPerMTok');
  if (input && !output)
    report.error(input.path.replace(/input_cost_per_token$/, 'output_cost_per_token'), 'is required with input_cost_per_token: set both prices');
  else if (output && !input)
    report.error(output.path.replace(/output_cost_per_token$/, 'input_cost_per_token'), 'is required with output_cost_per_token: set both prices');
  else if (!input && !output) {
    const [, first] = [...given][0] as [string, { path: string }];
    report.error(first.path, 'needs input_cost_per_token and output_cost_per_token beside it');
  }
}
