import * as z from 'zod';
import { STRATEGY_NAMES } from '../strategies/built-in-strategies.js';
import { callbackSchema } from './callbacks-schema.js';
import { deploymentSchema } from './deployment-schema.js';
import { pricingSchema } from '../pricing/pricing-schema.js';
import { budgetSchema, limitSchema } from '../spend/spend-config.js';
import { cooldownOptionsSchema } from '../health/cooldown-policy.js';
import { fallbackMapSchema } from '../reliability/fallback-routes.js';
import { retryOptionsSchema } from '../reliability/retry-policy.js';
import { nonEmptyString, nonNegativeInteger, positiveInteger } from './schema-helpers.js';
import { cacheOptionsSchema } from '../cache/cache-config.js';

const isFunction = (value: unknown) => typeof value === 'function';

const STRATEGY_HINT = `expected one of ${STRATEGY_NAMES.map((n) => `'${n}'`).join(', ')}, or an object with a pick(candidates, context) method`;

const strategySchema = z.lazy(() =>
  z.union(
    [
      z.enum(STRATEGY_NAMES as [string, ...string[]]),
      z.custom<object>((value) => typeof value === 'object' && value !== null && isFunction((value as { pick?: unknown }).pick)),
    ],
    { error: STRATEGY_HINT },
  ),
);

const CLOCK_METHODS = ['now', 'setTimeout', 'clearTimeout'];

/** Checked in place, so a fake clock keeps its prototype methods and `this`. */
const clockSchema = z.lazy(() =>
  z.custom<object>((value) => typeof value === 'object' && value !== null && CLOCK_METHODS.every((m) => isFunction((value as Record<string, unknown>)[m])), {
    error: `expected a clock with ${CLOCK_METHODS.join(', ')} methods (now in epoch milliseconds)`,
  }),
);

const STORE_METHODS = ['getCircuit', 'setCircuit', 'deleteCircuit'];

const stateStoreSchema = z.lazy(() =>
  z.custom<object>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      STORE_METHODS.every((m) => isFunction((value as Record<string, unknown>)[m])) &&
      'stats' in value &&
      'counters' in value,
    { error: `expected a StateStore with stats, counters and ${STORE_METHODS.join(', ')}` },
  ),
);

export const OPTIONS_EXAMPLE =
  'expected an options object naming the deployments to route to, ' +
  "e.g. new Router({ deployments: [{ model: 'gpt-4o', provider: 'openai', apiKey: process.env.OPENAI_API_KEY }] })";

export function routerOptionsSchema(providerNames: readonly string[]) {
  return z.strictObject(
    {
      deployments: z.array(deploymentSchema(providerNames), { error: "expected an array of deployments such as [{ model: 'gpt-4o', provider: 'openai' }]" }),
      // Checked by resolveProviders before the rest, since deployments name them.
      providers: z.unknown().optional(),
      strategy: strategySchema.optional(),
      strategyByModel: z.record(nonEmptyString(), strategySchema, { error: 'expected { model: strategy }' }).optional(),
      strategyOptions: z
        .strictObject({
          latencyBuffer: z.number({ error: 'expected a fraction of 0 or more' }).nonnegative({ error: 'expected a fraction of 0 or more' }).optional(),
          latencyTtlMs: positiveInteger().optional(),
        })
        .optional(),
      aliases: z
        .record(nonEmptyString(), nonEmptyString({ error: 'expected the model name the alias stands for' }), { error: "expected { alias: 'model' }" })
        .optional(),
      timeoutMs: positiveInteger().optional(),
      retries: retryOptionsSchema.optional(),
      cooldown: cooldownOptionsSchema.optional(),
      fallbacks: fallbackMapSchema.optional(),
      contextWindowFallbacks: fallbackMapSchema.optional(),
      contentPolicyFallbacks: fallbackMapSchema.optional(),
      defaultFallbacks: z.array(nonEmptyString(), { error: 'expected an array of model names' }).optional(),
      maxFallbacks: nonNegativeInteger().optional(),
      maxWaitMs: nonNegativeInteger().optional(),
      streamIdleTimeoutMs: positiveInteger().optional(),
      midStreamFallback: z.boolean({ error: 'expected true or false' }).optional(),
      state: stateStoreSchema.optional(),
      cache: cacheOptionsSchema.optional(),
      prices: z.record(nonEmptyString(), pricingSchema, { error: "expected { 'model' or 'provider/model': { inputPerMTok, outputPerMTok, … } }" }).optional(),
      budgets: z.array(budgetSchema, { error: "expected an array of budgets such as { scope: 'user', maxUsd: 5, period: '1d' }" }).optional(),
      limits: z.array(limitSchema, { error: "expected an array of limits such as { scope: 'user', rpm: 60 }" }).optional(),
      callbacks: z.array(callbackSchema, { error: 'expected an array of callback objects' }).optional(),
      random: z.custom<() => number>(isFunction, { error: 'expected a function returning a number in [0, 1)' }).optional(),
      now: z.custom<() => number>(isFunction, { error: 'expected a function returning milliseconds' }).optional(),
      clock: clockSchema.optional(),
    },
    { error: OPTIONS_EXAMPLE },
  );
}
