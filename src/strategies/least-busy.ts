import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentStats, StatChange } from '../state/deployment-stats.js';
import { columnsOf } from './candidate-columns.js';
import { bySlot, IndexedStrategy, type CandidateIndex } from './candidate-index.js';
import { randomStart, type PickContext, type StrategyReads } from './routing-strategy.js';
import { SlotHeap } from './slot-heap.js';

/** In-flight counts in a heap; a random fraction below 1 breaks ties without reordering different counts. */
class BusyIndex implements CandidateIndex {
  private readonly heap = new SlotHeap();
  private readonly deployments: Map<number, Deployment>;
  private readonly stats: DeploymentStats;
  private readonly random: () => number;

  constructor(candidates: readonly Deployment[], { stats, random }: PickContext) {
    this.stats = stats;
    this.random = random;
    this.deployments = bySlot(candidates);
    for (const slot of this.deployments.keys()) this.changed(slot);
  }

  changed(slot: number, what?: StatChange): void {
    if (what === undefined || what === 'inFlight') this.heap.set(slot, (this.stats.inFlight[slot] as number) + this.random() * 0.5);
  }

  pick(): Deployment {
    return this.deployments.get(this.heap.peek()) as Deployment;
  }
}

/** Fewest requests in flight right now (counted before each call, released on every exit). Ties at random. */
export class LeastBusyStrategy extends IndexedStrategy<BusyIndex> {
  readonly name = 'least-busy';
  readonly reads: StrategyReads = { usage: true };

  protected buildIndex(candidates: readonly Deployment[], context: PickContext) {
    return new BusyIndex(candidates, context);
  }

  protected scan(candidates: readonly Deployment[], context: PickContext): Deployment {
    return scan(candidates, context);
  }
}

function scan(candidates: readonly Deployment[], { stats, random }: PickContext): Deployment {
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
