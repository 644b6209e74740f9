import type { Deployment } from '../deployments/deployment.js';
import { randomStart, type PickContext, type RoutingStrategy } from './routing-strategy.js';

/**
 * Lowest recent latency: per output token for completions, time to first token for
 * streams (per-token latency where no stream was measured yet). Deployments never
 * measured (or whose samples all expired) are tried first; otherwise a random one among
 * those within `latencyBuffer` of the best.
 */
export class LeastLatencyStrategy implements RoutingStrategy {
  readonly name = 'least-latency';

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    const { stats, random, options } = context;
    const now = context.now();
    const streaming = context.request.stream === true;
    const score = (d: Deployment) => {
      const slot = d.stats.slot;
      const ttft = streaming ? stats.ttft.read(slot, now, options.latencyTtlMs) : NaN;
      return Number.isNaN(ttft) ? stats.latency.read(slot, now, options.latencyTtlMs) : ttft;
    };

    const start = randomStart(candidates.length, random);
    let best = Infinity;
    for (let n = 0; n < candidates.length; n++) {
      const d = candidates[(start + n) % candidates.length] as Deployment;
      const value = score(d);
      if (Number.isNaN(value)) return d;
      if (value < best) best = value;
    }

    const limit = best * (1 + options.latencyBuffer);
    let chosen = candidates[start] as Deployment;
    let seen = 0;
    for (let n = 0; n < candidates.length; n++) {
      const d = candidates[(start + n) % candidates.length] as Deployment;
      if (score(d) <= limit && random() * ++seen < 1) chosen = d;
    }
    return chosen;
  }
}
