import type { Deployment } from '../deployments/deployment.js';
import { columnsOf } from './candidate-columns.js';
import { randomStart, type PickContext, type RoutingStrategy } from './routing-strategy.js';

/** Fewest requests in flight right now (counted before each call, released on every exit). Ties at random. */
export class LeastBusyStrategy implements RoutingStrategy {
  readonly name = 'least-busy';

  pick(candidates: readonly Deployment[], { stats, random }: PickContext): Deployment {
    const { slots } = columnsOf(candidates);
    const { inFlight } = stats;
    const n = candidates.length;
    const start = randomStart(n, random);
    let best = start;
    let fewest = Infinity;
    for (let k = 0; k < n; k++) {
      let i = k + start;
      if (i >= n) i -= n;
      const busy = inFlight[slots[i] as number] as number;
      if (busy < fewest) {
        fewest = busy;
        best = i;
        if (busy === 0) break;
      }
    }
    return candidates[best] as Deployment;
  }
}
