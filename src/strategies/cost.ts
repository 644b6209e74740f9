import type { Deployment } from '../deployments/deployment.js';
import type { StatChange } from '../state/deployment-stats.js';
import { IndexedStrategy, type CandidateIndex } from './candidate-index.js';
import { randomStart, type PickContext, type StrategyReads } from './routing-strategy.js';

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

  constructor(candidates: readonly Deployment[], context: PickContext) {
    const byPrice = new Map<string, PriceTier>();
    for (const d of candidates) {
      const pricing = context.pricing(d);
      if (!pricing) {
        this.unpriced.push(d);
        continue;
      }
      const key = `${pricing.inputPerMTok}/${pricing.outputPerMTok}`;
      let tier = byPrice.get(key);
      if (!tier) {
        tier = { inputPerMTok: pricing.inputPerMTok, outputPerMTok: pricing.outputPerMTok, members: [], outputs: 0, meanOutput: 0 };
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
  /** The mean output observed per deployment, for requests without max_tokens. */
  readonly reads: StrategyReads = { usage: true };

  protected buildIndex(candidates: readonly Deployment[], context: PickContext) {
    return new PriceIndex(candidates, context);
  }

  protected scan(candidates: readonly Deployment[], context: PickContext): Deployment {
    return scan(candidates, context);
  }
}

function scan(candidates: readonly Deployment[], context: PickContext): Deployment {
  const { stats, random, request } = context;
  const n = candidates.length;
  const start = randomStart(n, random);
  const { outputMean, outputCount } = stats;
  const maxOutput = request.max_completion_tokens ?? request.max_tokens ?? -1;
  const prompt = context.promptTokens();
  let best = start;
  let lowest = Infinity;
  for (let k = 0; k < n; k++) {
    let i = k + start;
    if (i >= n) i -= n;
    const d = candidates[i] as Deployment;
    const pricing = context.pricing(d);
    if (!pricing) continue;
    const slot = d.stats.slot;
    const output = maxOutput >= 0 ? maxOutput : (outputCount[slot] as number) > 0 ? (outputMean[slot] as number) : DEFAULT_EXPECTED_OUTPUT;
    const cost = prompt * pricing.inputPerMTok + output * pricing.outputPerMTok;
    if (cost < lowest) {
      lowest = cost;
      best = i;
    }
  }
  return candidates[best] as Deployment;
}
