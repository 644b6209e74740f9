import * as z from 'zod';
import { nonNegativeInteger, nonNegativeNumber } from '../config/schema-helpers.js';

const prices = {
  inputPerMTok: nonNegativeNumber(),
  outputPerMTok: nonNegativeNumber(),
  cachedInputPerMTok: nonNegativeNumber().optional(),
  cacheWritePerMTok: nonNegativeNumber().optional(),
  reasoningPerMTok: nonNegativeNumber().optional(),
};

const tierSchema = z.lazy(() =>
  z.strictObject(
    {
      aboveInputTokens: nonNegativeInteger(),
      inputPerMTok: prices.inputPerMTok.optional(),
      outputPerMTok: prices.outputPerMTok.optional(),
      cachedInputPerMTok: prices.cachedInputPerMTok,
      cacheWritePerMTok: prices.cacheWritePerMTok,
      reasoningPerMTok: prices.reasoningPerMTok,
    },
    { error: 'expected { aboveInputTokens, inputPerMTok?, outputPerMTok?, … } in USD per million tokens' },
  ),
);

export const pricingSchema = z.lazy(() =>
  z.strictObject(
    { ...prices, tiers: z.array(tierSchema, { error: 'expected an array of tiers' }).optional() },
    { error: 'expected { inputPerMTok, outputPerMTok, cachedInputPerMTok?, cacheWritePerMTok?, reasoningPerMTok?, tiers? } in USD per million tokens' },
  ),
);
