import * as z from 'zod';
import { shortened } from './describe-value.js';
import { httpUrl, nonEmptyString, nonNegativeInteger, nonNegativeNumber, positiveInteger, stringRecord } from './schema-helpers.js';
import { pricingSchema } from '../pricing/pricing-schema.js';

export function deploymentSchema(providerNames: readonly string[]) {
  const known = new Set(providerNames);
  return z.strictObject(
    {
      model: nonEmptyString(),
      provider: nonEmptyString().refine((name) => known.has(name), {
        error: (issue) => `unknown provider '${shortened(String(issue.input))}'; known providers: ${providerNames.join(', ')}`,
      }),
      providerModel: nonEmptyString().optional(),
      id: nonEmptyString().optional(),
      apiKey: z.string({ error: 'expected a string' }).optional(),
      baseUrl: httpUrl().optional(),
      headers: stringRecord().optional(),
      weight: nonNegativeNumber().optional(),
      rpm: positiveInteger().optional(),
      tpm: positiveInteger().optional(),
      maxConcurrency: positiveInteger().optional(),
      timeoutMs: positiveInteger().optional(),
      tags: z.array(nonEmptyString(), { error: 'expected an array of strings' }).optional(),
      priority: nonNegativeInteger().optional(),
      maxInputTokens: positiveInteger().optional(),
      maxOutputTokens: positiveInteger().optional(),
      pricing: pricingSchema.optional(),
      baseModel: nonEmptyString().optional(),
      params: z.record(z.string(), z.unknown(), { error: 'expected an object' }).optional(),
    },
    { error: 'expected a deployment object such as { model, provider, apiKey }' },
  );
}
