import type { Deployment } from '../deployments/deployment.js';
import { columnsOf } from './candidate-columns.js';
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
}
