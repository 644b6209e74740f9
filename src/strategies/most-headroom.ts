import type { Deployment } from '../deployments/deployment.js';
import { columnsOf } from './candidate-columns.js';
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
    const { slots, rpm, tpm } = columnsOf(candidates);
    const { minute, requestsThisMinute, tokensThisMinute } = stats;
    const thisMinute = Math.floor(context.now() / 60_000);
    const n = candidates.length;
    const start = randomStart(n, random);
    let best = start;
    let most = -Infinity;
    for (let k = 0; k < n; k++) {
      let i = k + start;
      if (i >= n) i -= n;
      const slot = slots[i] as number;
      if (minute[slot] !== thisMinute) return candidates[i] as Deployment;
      const headroom = Math.min(1 - (requestsThisMinute[slot] as number) / (rpm[i] as number), 1 - (tokensThisMinute[slot] as number) / (tpm[i] as number));
      if (headroom > most) {
        most = headroom;
        best = i;
      }
    }
    return candidates[best] as Deployment;
  }
}
