import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentStats, StatChange } from '../state/deployment-stats.js';
import { columnsOf } from './candidate-columns.js';
import { bySlot, IndexedStrategy, type CandidateIndex } from './candidate-index.js';
import { randomStart, type PickContext, type StrategyReads } from './routing-strategy.js';
import { SlotHeap } from './slot-heap.js';

const MINUTE_MS = 60_000;
/** Smaller than one request's share of any realistic rpm: breaks ties without reordering real differences. */
const TIE_BREAK = 1e-9;

/** The free fraction of the tighter of a deployment's limits this minute: 1 when unused or unlimited. */
function headroom(stats: DeploymentStats, slot: number, rpm: number, tpm: number, thisMinute: number): number {
  if (stats.minute[slot] !== thisMinute) return 1;
  return Math.min(1 - (stats.requestsThisMinute[slot] as number) / rpm, 1 - (stats.tokensThisMinute[slot] as number) / tpm);
}

/** Headroom in a heap (negated, so the most is on top), re-keyed for everyone when the minute turns. */
class HeadroomIndex implements CandidateIndex {
  private readonly heap = new SlotHeap();
  private readonly deployments: Map<number, Deployment>;
  private readonly limits = new Map<number, { rpm: number; tpm: number }>();
  private readonly stats: DeploymentStats;
  private readonly random: () => number;
  private minute = -1;

  constructor(candidates: readonly Deployment[], context: PickContext) {
    this.stats = context.stats;
    this.random = context.random;
    this.deployments = bySlot(candidates);
    for (const d of candidates) this.limits.set(d.stats.slot, { rpm: d.rpm ?? Infinity, tpm: d.tpm ?? Infinity });
  }

  changed(slot: number, what: StatChange): void {
    if (what === 'usage') this.rekey(slot);
  }

  private rekey(slot: number): void {
    const { rpm, tpm } = this.limits.get(slot) as { rpm: number; tpm: number };
    this.heap.set(slot, -headroom(this.stats, slot, rpm, tpm, this.minute) + this.random() * TIE_BREAK);
  }

  pick(context: PickContext): Deployment {
    const thisMinute = Math.floor(context.now() / MINUTE_MS);
    if (thisMinute !== this.minute) {
      this.minute = thisMinute;
      for (const slot of this.deployments.keys()) this.rekey(slot);
    }
    return this.deployments.get(this.heap.peek()) as Deployment;
  }
}

/**
 * Most headroom against `rpm` and `tpm` in the current minute: the smaller of the free
 * fractions of each limit the deployment has (requests and tokens are reserved before the
 * call, tokens corrected after it). A deployment without limits has all its headroom.
 */
export class MostHeadroomStrategy extends IndexedStrategy<HeadroomIndex> {
  readonly name = 'usage';
  readonly reads: StrategyReads = { usage: true };

  protected buildIndex(candidates: readonly Deployment[], context: PickContext) {
    return new HeadroomIndex(candidates, context);
  }

  protected scan(candidates: readonly Deployment[], context: PickContext): Deployment {
    return scan(candidates, context);
  }
}

function scan(candidates: readonly Deployment[], context: PickContext): Deployment {
  const { stats, random } = context;
  const { slots, rpm, tpm } = columnsOf(candidates);
  const thisMinute = Math.floor(context.now() / MINUTE_MS);
  const n = candidates.length;
  const start = randomStart(n, random);
  let best = start;
  let most = -Infinity;
  for (let k = 0; k < n; k++) {
    let i = k + start;
    if (i >= n) i -= n;
    const room = headroom(stats, slots[i] as number, rpm[i] as number, tpm[i] as number, thisMinute);
    if (room === 1) return candidates[i] as Deployment;
    if (room > most) {
      most = room;
      best = i;
    }
  }
  return candidates[best] as Deployment;
}
