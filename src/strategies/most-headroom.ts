import type { Deployment } from '../deployments/deployment.js';
import { randomStart, type PickContext, type RoutingStrategy } from './routing-strategy.js';

/**
 * Most headroom against `rpm` and `tpm` in the current minute: the smaller of the free
 * fractions of each limit the deployment has (requests and tokens are reserved before the
 * call, tokens corrected after it). A deployment without limits has all its headroom.
 */
export class MostHeadroomStrategy implements RoutingStrategy {
  readonly name = 'usage';

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    const { stats, random } = context;
    const minute = Math.floor(context.now() / 60_000);
    const start = randomStart(candidates.length, random);
    let best = candidates[start] as Deployment;
    let most = -Infinity;
    for (let n = 0; n < candidates.length; n++) {
      const d = candidates[(start + n) % candidates.length] as Deployment;
      const slot = d.stats.slot;
      const current = stats.minute[slot] === minute;
      let headroom = 1;
      if (d.rpm !== undefined) headroom = Math.min(headroom, 1 - (current ? (stats.requestsThisMinute[slot] as number) : 0) / d.rpm);
      if (d.tpm !== undefined) headroom = Math.min(headroom, 1 - (current ? (stats.tokensThisMinute[slot] as number) : 0) / d.tpm);
      if (headroom > most) {
        most = headroom;
        best = d;
        if (headroom === 1) break;
      }
    }
    return best;
  }
}
