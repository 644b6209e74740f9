import * as z from 'zod';
import { formatZodIssues } from '../config/format-zod-issues.js';
import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentPricing } from '../deployments/deployment-config.js';
import { ConfigError } from '../errors/router-side-errors.js';
import { frozenPricing } from './frozen-pricing.js';
import { tablePriceSchedule } from './genai-prices-table.js';
import { constantSchedule, pricingAt, type PriceSchedule } from './price-schedule.js';
import { pricingSchema } from './pricing-schema.js';

const FREE = constantSchedule(frozenPricing({ inputPerMTok: 0, outputPerMTok: 0 }));

/** Prices by model: `'gpt-4o'` for every provider, `'openai/gpt-4o'` for one. */
export type PriceList = Record<string, DeploymentPricing>;

const priceListSchema = z.lazy(() =>
  z.record(z.string().min(1), pricingSchema, { error: "expected { 'model' or 'provider/model': { inputPerMTok, outputPerMTok, … } }" }),
);

/** Validates a price list; throws ConfigError naming each bad entry under `path`. */
export function parsePriceList(prices: unknown, path: string): PriceList {
  const parsed = priceListSchema.safeParse(prices);
  if (!parsed.success) {
    throw new ConfigError(formatZodIssues(parsed.error, prices, priceListSchema).map((i) => ({ ...i, path: i.path ? `${path}.${i.path}` : path })));
  }
  return parsed.data;
}

/**
 * Where a router's prices come from, first match wins: the deployment's `pricing`, the
 * router's own list (`prices` option, `setPrices`), then the price table. A deployment's
 * prices are looked up once and kept; only the table's dated or time-of-day prices are
 * chosen per call.
 */
export class PriceBook {
  readonly #own = new Map<string, DeploymentPricing>();
  #schedules = new WeakMap<Deployment, PriceSchedule | null>();
  readonly #warned = new Set<string>();

  constructor(
    prices: PriceList | undefined,
    private readonly unpriced: (message: string) => void,
  ) {
    if (prices) this.set(prices);
  }

  /** Adds or replaces entries of the router's own list; deployments look their prices up again. */
  set(prices: PriceList): void {
    for (const [model, pricing] of Object.entries(prices)) this.#own.set(model, frozenPricing(pricing));
    this.#schedules = new WeakMap();
  }

  /** The deployment's prices at `atMs`, or undefined (with one warning per model) when nothing prices it. */
  pricingAt(deployment: Deployment, atMs: number): DeploymentPricing | undefined {
    if (deployment.pricing) return deployment.pricing;
    let schedule = this.#schedules.get(deployment);
    if (schedule === undefined) {
      schedule = this.#lookUp(deployment) ?? null;
      this.#schedules.set(deployment, schedule);
    }
    return schedule === null ? undefined : pricingAt(schedule, atMs);
  }

  #lookUp(deployment: Deployment): PriceSchedule | undefined {
    const model = deployment.baseModel ?? deployment.providerModel;
    const own = this.#own.get(`${deployment.provider}/${model}`) ?? this.#own.get(model) ?? this.#own.get(deployment.model);
    if (own) return constantSchedule(own);
    if (deployment.adapter.freeOfCharge) return FREE;
    const tableProvider = deployment.adapter.priceTableProvider;
    const schedule = tableProvider === undefined ? undefined : tablePriceSchedule(tableProvider, model);
    if (!schedule) this.#warnOnce(deployment.provider, model);
    return schedule;
  }

  #warnOnce(provider: string, model: string): void {
    const key = `${provider}/${model}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.unpriced(
      `No price for ${key}: costUsd is undefined for its calls and budgets do not count them. ` +
        'Set `pricing` on the deployment (zeros for a model you host yourself), `baseModel` when `providerModel` is a name of your own, ' +
        'or add it with router.setPrices().',
    );
  }
}
