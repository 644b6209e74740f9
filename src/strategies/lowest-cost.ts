import type { Deployment } from '../deployments/deployment.js';
import type { StatChange } from '../state/deployment-stats.js';
import { columnsOf } from './candidate-columns.js';
import { IndexedStrategy, type CandidateIndex } from './candidate-index.js';
import { randomStart, type PickContext } from './routing-strategy.js';

/** Expected output when neither the request's max_tokens nor an observed mean says more. */
const DEFAULT_EXPECTED_OUTPUT = 256;

/** Deployments that share a price, with the mean output observed across them. */
interface PriceTier {
  inputPerMTok: number;
  outputPerMTok: number;
  members: Deployment[];
  outputs: number;
  meanOutput: number;
}

function expectedCost(tier: PriceTier, promptTokens: number, maxOutput: number): number {
  const output = maxOutput >= 0 ? maxOutput : tier.outputs > 0 ? tier.meanOutput : DEFAULT_EXPECTED_OUTPUT;
  return promptTokens * tier.inputPerMTok + output * tier.outputPerMTok;
}

/** A group's deployments by price: a pick compares one cost per distinct price, not per deployment. */
class PriceIndex implements CandidateIndex {
  private readonly tiers: PriceTier[] = [];
  private readonly tierOf = new Map<number, PriceTier>();
  private readonly unpriced: Deployment[] = [];

  constructor(candidates: readonly Deployment[]) {
    const byPrice = new Map<string, PriceTier>();
    for (const d of candidates) {
      if (!d.pricing) {
        this.unpriced.push(d);
        continue;
      }
      const key = `${d.pricing.inputPerMTok}/${d.pricing.outputPerMTok}`;
      let tier = byPrice.get(key);
      if (!tier) {
        tier = { inputPerMTok: d.pricing.inputPerMTok, outputPerMTok: d.pricing.outputPerMTok, members: [], outputs: 0, meanOutput: 0 };
        byPrice.set(key, tier);
        this.tiers.push(tier);
      }
      tier.members.push(d);
      this.tierOf.set(d.stats.slot, tier);
    }
  }

  changed(slot: number, what: StatChange, value: number): void {
    const tier = what === 'output' ? this.tierOf.get(slot) : undefined;
    if (!tier) return;
    tier.outputs++;
    tier.meanOutput += (value - tier.meanOutput) / tier.outputs;
  }

  pick(context: PickContext): Deployment {
    const { random, request } = context;
    if (this.tiers.length === 0) return this.unpriced[Math.floor(random() * this.unpriced.length)] as Deployment;
    const maxOutput = request.max_completion_tokens ?? request.max_tokens ?? -1;
    const prompt = context.promptTokens();
    let cheapest = this.tiers[0] as PriceTier;
    let lowest = Infinity;
    for (const tier of this.tiers) {
      const cost = expectedCost(tier, prompt, maxOutput);
      if (cost < lowest || (cost === lowest && random() < 0.5)) {
        lowest = cost;
        cheapest = tier;
      }
    }
    return cheapest.members[Math.floor(random() * cheapest.members.length)] as Deployment;
  }
}

/**
 * Lowest expected cost of this request: prompt tokens × input price + expected output
 * tokens (the request's max_tokens, else the mean output observed at that price) ×
 * output price. A deployment without a known price is picked last, never treated as
 * free. Among equally cheap deployments, one at random.
 */
export class LowestCostStrategy extends IndexedStrategy<PriceIndex> {
  readonly name = 'cost';

  protected buildIndex(candidates: readonly Deployment[]) {
    return new PriceIndex(candidates);
  }

  protected scan(candidates: readonly Deployment[], context: PickContext): Deployment {
    return scan(candidates, context);
  }
}

function scan(candidates: readonly Deployment[], context: PickContext): Deployment {
  const { stats, random, request } = context;
  const { slots, inputPrice, outputPrice, anyPriced } = columnsOf(candidates);
  const n = candidates.length;
  const start = randomStart(n, random);
  if (!anyPriced) return candidates[start] as Deployment;
  const { outputMean, outputCount } = stats;
  const maxOutput = request.max_completion_tokens ?? request.max_tokens ?? -1;
  const prompt = context.promptTokens();
  let best = start;
  let lowest = Infinity;
  for (let k = 0; k < n; k++) {
    let i = k + start;
    if (i >= n) i -= n;
    const input = inputPrice[i] as number;
    if (input < 0) continue;
    const slot = slots[i] as number;
    const output = maxOutput >= 0 ? maxOutput : (outputCount[slot] as number) > 0 ? (outputMean[slot] as number) : DEFAULT_EXPECTED_OUTPUT;
    const cost = prompt * input + output * (outputPrice[i] as number);
    if (cost < lowest) {
      lowest = cost;
      best = i;
    }
  }
  return candidates[best] as Deployment;
}
