import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentStats, StatChange } from '../state/deployment-stats.js';
import { columnsOf } from './candidate-columns.js';
import { bySlot, IndexedStrategy, type CandidateIndex } from './candidate-index.js';
import { randomStart, type PickContext, type StrategyReads } from './routing-strategy.js';
import { SlotHeap } from './slot-heap.js';

type Series = 'latency' | 'ttft';

/** Which latency a request is judged by: time to first token for streams, latency per output token otherwise. */
function seriesFor(context: PickContext): Series {
  return context.request.stream === true ? 'ttft' : 'latency';
}

/**
 * One latency series over a candidate list: measured slots in a heap by mean, the
 * unmeasured apart (picked first), and a second heap by newest-sample time so those
 * whose samples expired move back to unmeasured without a scan.
 */
class SeriesIndex {
  private readonly heap = new SlotHeap();
  private readonly unmeasured: number[] = [];
  private readonly unmeasuredAt = new Map<number, number>();
  private readonly byAge = new SlotHeap();

  private readonly stats: DeploymentStats;

  constructor(
    slots: Iterable<number>,
    private readonly series: Series,
    context: PickContext,
  ) {
    this.stats = context.stats;
    const now = context.now();
    for (const slot of slots) {
      const at = context.stats[series].at[slot] as number;
      if (now - at <= context.options.latencyTtlMs) this.measured(slot, at);
      else this.markUnmeasured(slot);
    }
  }

  measured(slot: number, at: number): void {
    const position = this.unmeasuredAt.get(slot);
    if (position !== undefined) {
      const last = this.unmeasured.pop() as number;
      if (last !== slot) {
        this.unmeasured[position] = last;
        this.unmeasuredAt.set(last, position);
      }
      this.unmeasuredAt.delete(slot);
    }
    this.heap.set(slot, this.stats[this.series].mean[slot] as number);
    this.byAge.set(slot, at);
  }

  private markUnmeasured(slot: number): void {
    this.heap.delete(slot);
    this.byAge.delete(slot);
    if (this.unmeasuredAt.has(slot)) return;
    this.unmeasuredAt.set(slot, this.unmeasured.length);
    this.unmeasured.push(slot);
  }

  /** Moves deployments whose newest sample is older than the TTL back to unmeasured. */
  private expire(now: number, ttlMs: number): void {
    for (let oldest = this.byAge.peek(); oldest >= 0 && now - this.byAge.key(oldest) > ttlMs; oldest = this.byAge.peek()) {
      this.markUnmeasured(oldest);
    }
  }

  /** The slot to use: an unmeasured one at random, else the fastest (at random among those within the buffer). */
  pick(context: PickContext): number {
    this.expire(context.now(), context.options.latencyTtlMs);
    if (this.unmeasured.length > 0) return this.unmeasured[Math.floor(context.random() * this.unmeasured.length)] as number;
    const best = this.heap.peek();
    if (context.options.latencyBuffer === 0) return best;
    let chosen = best;
    let within = 0;
    this.heap.forEachAtMost(this.heap.key(best) * (1 + context.options.latencyBuffer), (slot) => {
      if (context.random() * ++within < 1) chosen = slot;
    });
    return chosen;
  }
}

class LatencyIndex implements CandidateIndex {
  private readonly deployments: Map<number, Deployment>;
  private readonly series: Record<Series, SeriesIndex>;
  private readonly stats: DeploymentStats;

  constructor(candidates: readonly Deployment[], context: PickContext) {
    this.stats = context.stats;
    this.deployments = bySlot(candidates);
    this.series = {
      latency: new SeriesIndex(this.deployments.keys(), 'latency', context),
      ttft: new SeriesIndex(this.deployments.keys(), 'ttft', context),
    };
  }

  changed(slot: number, what: StatChange): void {
    if (what === 'latency' || what === 'ttft') this.series[what].measured(slot, this.stats[what].at[slot] as number);
  }

  pick(context: PickContext): Deployment {
    return this.deployments.get(this.series[seriesFor(context)].pick(context)) as Deployment;
  }
}

/**
 * Lowest recent latency: per output token for completions, time to first token for
 * streams. Deployments never measured (or whose samples all expired after
 * `latencyTtlMs`) are tried first; otherwise the fastest, or a random one among those
 * within `latencyBuffer` of it.
 */
export class LeastLatencyStrategy extends IndexedStrategy<LatencyIndex> {
  readonly name = 'least-latency';
  readonly reads: StrategyReads = { latency: true };

  protected buildIndex(candidates: readonly Deployment[], context: PickContext) {
    return new LatencyIndex(candidates, context);
  }

  protected scan(candidates: readonly Deployment[], context: PickContext): Deployment {
    return scan(candidates, context);
  }
}

function scan(candidates: readonly Deployment[], context: PickContext): Deployment {
  const { random, options } = context;
  const { slots } = columnsOf(candidates);
  const oldest = context.now() - options.latencyTtlMs;
  const { mean, at } = context.stats[seriesFor(context)];
  const n = candidates.length;
  const start = randomStart(n, random);
  let best = Infinity;
  for (let k = 0; k < n; k++) {
    let i = k + start;
    if (i >= n) i -= n;
    const slot = slots[i] as number;
    if ((at[slot] as number) < oldest) return candidates[i] as Deployment;
    if ((mean[slot] as number) < best) best = mean[slot] as number;
  }
  const limit = best * (1 + options.latencyBuffer);
  let chosen = start;
  let within = 0;
  for (let i = 0; i < n; i++) {
    if ((mean[slots[i] as number] as number) <= limit && random() * ++within < 1) chosen = i;
  }
  return candidates[chosen] as Deployment;
}
