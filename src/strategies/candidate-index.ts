import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentStats, StatChange, StatsWatcher } from '../state/deployment-stats.js';
import type { PickContext, RoutingStrategy } from './routing-strategy.js';

/** A strategy's ranking of one candidate list, kept current as the stats change. */
export interface CandidateIndex {
  changed(slot: number, what: StatChange, value: number): void;
  pick(context: PickContext): Deployment;
}

/**
 * Keeps one ranking per candidate list that recurs (a model group with nothing filtered
 * out is the same array on every request) and routes every stats change to the ranking
 * holding that slot. A list seen once (a filtered subset) gets no index: the strategy
 * scans it. Each strategy instance has its own, so routers never share rankings.
 */
export class CandidateIndexes<I extends CandidateIndex> implements StatsWatcher {
  private readonly seenOnce = new WeakSet<readonly Deployment[]>();
  private readonly indexes = new WeakMap<readonly Deployment[], I>();
  private readonly bySlot = new Map<number, I>();
  private readonly watched = new WeakSet<DeploymentStats>();

  constructor(private readonly build: (candidates: readonly Deployment[], context: PickContext) => I) {}

  /** The index of this list, building it the second time the list is seen; undefined until then. */
  for(candidates: readonly Deployment[], context: PickContext): I | undefined {
    const found = this.indexes.get(candidates);
    if (found) return found;
    if (!this.seenOnce.has(candidates)) {
      this.seenOnce.add(candidates);
      return undefined;
    }
    if (!this.watched.has(context.stats)) {
      context.stats.watch(this);
      this.watched.add(context.stats);
    }
    const index = this.build(candidates, context);
    this.indexes.set(candidates, index);
    for (const d of candidates) this.bySlot.set(d.stats.slot, index);
    return index;
  }

  changed(slot: number, what: StatChange, value: number): void {
    this.bySlot.get(slot)?.changed(slot, what, value);
  }
}

/** Deployments of a candidate list by stats slot. */
export function bySlot(candidates: readonly Deployment[]): Map<number, Deployment> {
  return new Map(candidates.map((d) => [d.stats.slot, d]));
}

/**
 * A strategy with a ranking per recurring candidate list and a scan for the rest: the
 * ranking answers in O(log n) when the filters left a group whole, the scan when they cut it.
 */
export abstract class IndexedStrategy<I extends CandidateIndex> implements RoutingStrategy {
  abstract readonly name: string;
  private readonly indexes = new CandidateIndexes<I>((candidates, context) => this.buildIndex(candidates, context));

  protected abstract buildIndex(candidates: readonly Deployment[], context: PickContext): I;
  protected abstract scan(candidates: readonly Deployment[], context: PickContext): Deployment;

  pick(candidates: readonly Deployment[], context: PickContext): Deployment {
    const index = this.indexes.for(candidates, context);
    return index ? index.pick(context) : this.scan(candidates, context);
  }
}
