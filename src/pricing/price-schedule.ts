import type { DeploymentPricing } from '../deployments/deployment-config.js';

/** When a price applies: from a date on, or at certain hours of each day (UTC). */
export type PriceCondition = { kind: 'always' } | { kind: 'from'; fromMs: number } | { kind: 'daily'; startSecond: number; endSecond: number };

/** A model's prices over time, as the price table gives them; the last entry whose condition holds applies. */
export interface PriceSchedule {
  entries: ReadonlyArray<{ condition: PriceCondition; pricing: DeploymentPricing }>;
}

const DAY_MS = 86_400_000;

function holds(condition: PriceCondition, atMs: number): boolean {
  switch (condition.kind) {
    case 'always':
      return true;
    case 'from':
      return atMs >= condition.fromMs;
    case 'daily': {
      const second = (((atMs % DAY_MS) + DAY_MS) % DAY_MS) / 1000;
      const { startSecond, endSecond } = condition;
      return endSecond < startSecond ? second >= startSecond || second < endSecond : second >= startSecond && second < endSecond;
    }
  }
}

/** The prices in force at `atMs`: the last entry that holds, else the first. */
export function pricingAt(schedule: PriceSchedule, atMs: number): DeploymentPricing {
  const { entries } = schedule;
  for (let i = entries.length - 1; i > 0; i--) {
    const entry = entries[i] as (typeof entries)[number];
    if (holds(entry.condition, atMs)) return entry.pricing;
  }
  return (entries[0] as (typeof entries)[number]).pricing;
}

export function constantSchedule(pricing: DeploymentPricing): PriceSchedule {
  return { entries: [{ condition: { kind: 'always' }, pricing }] };
}
