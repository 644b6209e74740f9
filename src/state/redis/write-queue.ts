import { edge, KeyList, windowTtlMs } from './key-list.js';
import type { RedisConnection } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';

/** A write made after calls: counter adds, raises and deletes, hold and probe releases, circuit writes and deletes. */
export type WriteOp =
  | { t: 'add'; name: string; windowStart: number; windowEnd: number; amount: number }
  | { t: 'raise'; name: string; windowStart: number; windowEnd: number; value: number }
  | { t: 'delete'; name: string }
  | { t: 'release'; reservedName: string; member: string; windowStart: number; windowEnd: number; amount: string }
  | { t: 'release-probe'; deploymentId: string; owner: string }
  | { t: 'circuit'; id: string; json: string }
  | { t: 'delete-circuit'; id: string };

/** Writes a claim carries: their JSON (keys added to the claim's), and what to do with the answer. */
export interface ClaimedWrites {
  json: string;
  written(values: readonly string[]): void;
  failed(): void;
}

/** A counter's new value in Redis, after a write. */
export type CounterObserver = (name: string, windowStart: number, windowEnd: number, value: number) => void;

const BATCH = 500;
/** How long writes no claim carried wait to be batched: circuits still reach every process well within 100 ms. */
const FLUSH_AFTER_MS = 5;
/**
 * Writes waiting for Redis, sent in one script call per batch (off every caller's path). Adds to one counter window merge while they wait. When
 * Redis does not answer they stay queued, merged, and are written once it is back, so no
 * spend made meanwhile is lost (a batch whose answer was lost may be written twice).
 */
export class WriteQueue {
  /** Writes on each counter, in order: a claim takes those on the counters it reads. */
  readonly #onCounter = new Map<string, WriteOp[]>();
  /** Writes on no counter (probe releases, circuits), in order. */
  #others: WriteOp[] = [];
  #count = 0;
  /** The pending add to each counter window, to merge the next add into. */
  readonly #pendingAdds = new Map<string, Extract<WriteOp, { t: 'add' }>>();
  #scheduled = false;
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly observe: CounterObserver,
  ) {}

  push(op: WriteOp): void {
    if (op.t === 'add') {
      const slot = addSlot(op);
      const pending = this.#pendingAdds.get(slot);
      if (pending) {
        pending.amount += op.amount;
        return;
      }
      this.#pendingAdds.set(slot, op);
    } else if (op.t === 'delete' || op.t === 'raise') {
      this.#stopMerging(op.name);
    }
    this.#append(op);
    this.schedule();
  }

  /** Adds queued on the counter before a delete or a raise must stay before it: later adds are not merged into them. */
  #stopMerging(name: string): void {
    for (const slot of this.#pendingAdds.keys()) if (slot.startsWith(`${name}\n`)) this.#pendingAdds.delete(slot);
  }

  #append(op: WriteOp): void {
    this.#count++;
    const name = counterOf(op);
    if (name === undefined) this.#others.push(op);
    else {
      const ops = this.#onCounter.get(name);
      if (ops) ops.push(op);
      else this.#onCounter.set(name, [op]);
    }
  }

  /** What adds still queued (not yet sent) will add to a counter window: a value Redis answered lacks it. */
  pendingAmount(name: string, windowStart: number): number {
    return this.#pendingAdds.get(`${name}\n${windowStart}`)?.amount ?? 0;
  }

  get size(): number {
    return this.#count;
  }

  /**
   * Sends what is queued a few milliseconds later, in one script call, or sooner with the
   * next claim that reads one of its counters (a call's released hold and recorded spend
   * go with its process's next claim on that budget, so that claim sees them).
   */
  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      void this.flush();
    }, FLUSH_AFTER_MS).unref();
  }

  /** Writes everything queued (while Redis answers); resolves when done or when Redis stopped answering. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushAll().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #flushAll(): Promise<void> {
    while (this.#count > 0 && this.connection.available) {
      const batch = this.#take();
      try {
        await this.#send(batch);
      } catch {
        this.#requeue(batch);
        return;
      }
    }
  }

  /**
   * Takes the queued writes on the counters a claim reads (released holds, recorded spend,
   * token corrections), so the claim's script writes them first, in the same round trip, and
   * the claim sees them; the rest waits for its batch. The claim hands back the values the
   * writes answered, or says it failed.
   */
  takeForClaim(reads: readonly string[], keys: KeyList): ClaimedWrites | undefined {
    if (this.#onCounter.size === 0) return undefined;
    let batch: WriteOp[] | undefined;
    for (const name of reads) {
      const ops = this.#onCounter.get(name);
      if (ops === undefined) continue;
      this.#onCounter.delete(name);
      (batch ??= []).push(...ops);
    }
    if (batch === undefined) return undefined;
    const taken = this.#taken(batch);
    return { json: this.#encode(taken, keys), written: (values) => this.#observe(taken, values), failed: () => this.#requeue(taken) };
  }

  /** Up to BATCH writes: whole counters' writes first, then the others. */
  #take(): WriteOp[] {
    const batch: WriteOp[] = [];
    for (const [name, ops] of this.#onCounter) {
      if (batch.length > 0 && batch.length + ops.length > BATCH) break;
      this.#onCounter.delete(name);
      batch.push(...ops);
    }
    if (batch.length < BATCH) batch.push(...this.#others.splice(0, BATCH - batch.length));
    return this.#taken(batch);
  }

  /** Writes out of the queue: no longer merged into, nor counted. */
  #taken(batch: WriteOp[]): WriteOp[] {
    this.#count -= batch.length;
    for (const op of batch) if (op.t === 'add') this.#pendingAdds.delete(addSlot(op));
    return batch;
  }

  async #send(batch: WriteOp[]): Promise<void> {
    const keys = new KeyList();
    const json = this.#encode(batch, keys);
    const client = this.connection.client;
    const values = (await this.connection.bounded(() => client.switchyardWrite(keys.keys.length, ...keys.keys, json, this.keys.circuits))) as string[];
    this.#observe(batch, values);
  }

  #encode(batch: WriteOp[], keys: KeyList): string {
    const ops = batch.map((op) => {
      switch (op.t) {
        case 'add': {
          const ttl = windowTtlMs(op.windowStart, op.windowEnd);
          return { t: 'a', k: keys.add(this.keys.counter(op.name)), ws: edge(op.windowStart), we: edge(op.windowEnd), ttl, a: String(op.amount) };
        }
        case 'raise': {
          const ttl = windowTtlMs(op.windowStart, op.windowEnd);
          return { t: 'm', k: keys.add(this.keys.counter(op.name)), ws: edge(op.windowStart), we: edge(op.windowEnd), ttl, v: String(op.value) };
        }
        case 'delete':
          return { t: 'd', k: keys.add(this.keys.counter(op.name)) };
        case 'release': {
          const holds = keys.add(this.keys.holds(op.reservedName));
          return { t: 'r', hk: holds, rk: keys.add(this.keys.counter(op.reservedName)), m: op.member, ws: edge(op.windowStart), a: op.amount };
        }
        case 'release-probe':
          return { t: 'p', k: keys.add(this.keys.probe(op.deploymentId)), owner: op.owner };
        case 'circuit':
          return { t: 's', k: keys.add(this.keys.circuits), id: op.id, c: op.json };
        case 'delete-circuit':
          return { t: 'x', k: keys.add(this.keys.circuits), id: op.id };
      }
    });
    return JSON.stringify(ops);
  }

  /** The counters' values after the writes (adds, raises and releases, in order) into the local view. */
  #observe(batch: WriteOp[], values: readonly string[]): void {
    let next = 0;
    for (const op of batch) {
      if (op.t === 'add' || op.t === 'raise') this.observe(op.name, op.windowStart, op.windowEnd, Number(values[next++]));
      else if (op.t === 'release') this.observe(op.reservedName, op.windowStart, op.windowEnd, Number(values[next++]));
    }
  }

  /**
   * A batch Redis did not take goes back in front of what was queued since, its adds merged
   * with any made since, unless a raise or a delete of the counter was queued between.
   */
  #requeue(batch: WriteOp[]): void {
    const later = { onCounter: new Map(this.#onCounter), others: this.#others };
    this.#onCounter.clear();
    this.#others = [];
    this.#count = 0;
    for (const op of batch) {
      if (op.t === 'add' && !later.onCounter.get(op.name)?.some((o) => o.t === 'raise' || o.t === 'delete')) {
        const newer = this.#pendingAdds.get(addSlot(op));
        if (newer) {
          newer.amount += op.amount;
          continue;
        }
        this.#pendingAdds.set(addSlot(op), op);
      } else if (op.t === 'raise' || op.t === 'delete') {
        this.#stopMerging(op.name);
      }
      this.#append(op);
    }
    for (const ops of later.onCounter.values()) for (const op of ops) this.#append(op);
    for (const op of later.others) this.#append(op);
    this.schedule();
  }
}

const addSlot = (op: { name: string; windowStart: number }) => `${op.name}\n${op.windowStart}`;

/** The counter a write changes, if any. */
function counterOf(op: WriteOp): string | undefined {
  if (op.t === 'add' || op.t === 'raise' || op.t === 'delete') return op.name;
  if (op.t === 'release') return op.reservedName;
  return undefined;
}
