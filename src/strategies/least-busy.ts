import type { Deployment } from '../deployments/deployment.js';
import { randomStart, type PickContext, type RoutingStrategy } from './routing-strategy.js';

/** Fewest requests in flight right now (counted before each call, released on every exit). Ties at random. */
export class LeastBusyStrategy implements RoutingStrategy {
  readonly name = 'least-busy';

  pick(candidates: readonly Deployment[], { stats, random }: PickContext): Deployment {
    const { inFlight } = stats;
    const start = randomStart(candidates.length, random);
    let best = candidates[start] as Deployment;
    let fewest = Infinity;
    for (let n = 0; n < candidates.length; n++) {
      const d = candidates[(start + n) % candidates.length] as Deployment;
      const busy = inFlight[d.stats.slot] as number;
      if (busy < fewest) {
        fewest = busy;
        best = d;
        if (busy === 0) break;
      }
    }
    return best;
  }
}
