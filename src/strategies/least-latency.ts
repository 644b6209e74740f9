import type { Deployment } from '../deployments/deployment.js';
import { columnsOf } from './candidate-columns.js';
import { randomStart, type PickContext, type RoutingStrategy } from './routing-strategy.js';

/**
 * Lowest recent latency: per output token for completions, time to first token for
 * streams (per-token latency where no stream was measured yet). Deployments never
 * measured (or whose samples all expired) are tried first; otherwise a random one among
 * those within `latencyBuffer` of the best.
 */
export class LeastLatencyStrategy implements RoutingStrategy {
  readonly name = 'least-latency';
  /** Scores of the current pick, reused between picks so a large group allocates nothing. */
  private scores = new Float64Array(16);

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    const { stats, random, options } = context;
    const { slots } = columnsOf(candidates);
    const oldest = context.now() - options.latencyTtlMs;
    const streaming = context.request.stream === true;
    const { mean: latency, at: latencyAt } = stats.latency;
    const { mean: ttft, at: ttftAt } = stats.ttft;
    const n = candidates.length;
    if (this.scores.length < n) this.scores = new Float64Array(n * 2);
    const { scores } = this;

    const start = randomStart(n, random);
    let best = Infinity;
    let chosen = start;
    let ties = 0;
    for (let k = 0; k < n; k++) {
      let i = k + start;
      if (i >= n) i -= n;
      const slot = slots[i] as number;
      let score: number;
      if (streaming && (ttftAt[slot] as number) >= oldest) score = ttft[slot] as number;
      else if ((latencyAt[slot] as number) >= oldest) score = latency[slot] as number;
      else return candidates[i] as Deployment;
      scores[i] = score;
      if (score < best) {
        best = score;
        chosen = i;
        ties = 1;
      } else if (score === best && random() * ++ties < 1) {
        chosen = i;
      }
    }
    if (options.latencyBuffer === 0) return candidates[chosen] as Deployment;

    const limit = best * (1 + options.latencyBuffer);
    let within = 0;
    for (let i = 0; i < n; i++) {
      if ((scores[i] as number) <= limit && random() * ++within < 1) chosen = i;
    }
    return candidates[chosen] as Deployment;
  }
}
