import type { Deployment } from '../deployments/deployment.js';
import { randomStart, type PickContext, type RoutingStrategy } from './routing-strategy.js';

/** Expected output when neither the request's max_tokens nor an observed mean says more. */
const DEFAULT_EXPECTED_OUTPUT = 256;

/**
 * Lowest expected cost of this request: prompt tokens × input price + expected output
 * tokens (the request's max_tokens, else the deployment's observed mean) × output price.
 * A deployment without a known price is picked last, never treated as free. Ties at random.
 */
export class LowestCostStrategy implements RoutingStrategy {
  readonly name = 'cost';

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    const { stats, random, request } = context;
    const maxOutput = request.max_completion_tokens ?? request.max_tokens ?? undefined;
    const prompt = candidates.some((d) => d.pricing) ? context.promptTokens() : 0;
    const start = randomStart(candidates.length, random);
    let best = candidates[start] as Deployment;
    let lowest = Infinity;
    for (let n = 0; n < candidates.length; n++) {
      const d = candidates[(start + n) % candidates.length] as Deployment;
      const { pricing } = d;
      if (!pricing) continue;
      const slot = d.stats.slot;
      const output = maxOutput ?? ((stats.outputCount[slot] as number) > 0 ? (stats.outputMean[slot] as number) : DEFAULT_EXPECTED_OUTPUT);
      const cost = prompt * pricing.inputPerMTok + output * pricing.outputPerMTok;
      if (cost < lowest) {
        lowest = cost;
        best = d;
      }
    }
    return best;
  }
}
