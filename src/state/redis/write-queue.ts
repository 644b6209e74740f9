import { edge, KeyList, windowTtlMs } from './key-list.js';
import type { RedisConnection } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';

/** A write made after calls: counter adds and deletes, hold and probe releases, circuit writes and deletes. */
export type WriteOp =
  | { t: 'add'; name: string; windowStart: number; windowEnd: number; amount: number }
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
  #ops: WriteOp[] = [];
  /** The pending add to each counter window, to merge the next add into. */
  readonly #pendingAdds = new Map<string, Extract<WriteOp, { t: 'add' }>>();
  /** How many queued writes touch each counter: a claim carries those on the counters it reads. */
  readonly #pendingOn = new Map<string, number>();
  #scheduled = false;
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly observe: CounterObserver,
  ) {}

  push(op: WriteOp): void {
    if (op.t === 'add') {
      const slot = `${op.name}\n${op.windowStart}`;
      const pending = this.#pendingAdds.get(slot);
      if (pending) {
        pending.amount += op.amount;
        return;
      }
      this.#pendingAdds.set(slot, op);
    } else if (op.t === 'delete') {
      for (const slot of this.#pendingAdds.keys()) if (slot.startsWith(`${op.name}\n`)) this.#pendingAdds.delete(slot);
    }
    this.#ops.push(op);
    const name = counterOf(op);
    if (name !== undefined) this.#pendingOn.set(name, (this.#pendingOn.get(name) ?? 0) + 1);
    this.schedule();
  }

  /** What adds still queued (not yet sent) will add to a counter window: a value Redis answered lacks it. */
  pendingAmount(name: string, windowStart: number): number {
    return this.#pendingAdds.get(`${name}\n${windowStart}`)?.amount ?? 0;
  }

  get size(): number {
    return this.#ops.length;
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
    while (this.#ops.length > 0 && this.connection.available) {
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
    if (this.#pendingOn.size === 0 || !reads.some((name) => this.#pendingOn.has(name))) return undefined;
    const wanted = new Set(reads);
    const batch: WriteOp[] = [];
    const rest: WriteOp[] = [];
    for (const op of this.#ops) {
      const name = counterOf(op);
      (name !== undefined && wanted.has(name) && batch.length < BATCH ? batch : rest).push(op);
    }
    this.#ops = rest;
    this.#taken(batch);
    return { json: this.#encode(batch, keys), written: (values) => this.#observe(batch, values), failed: () => this.#requeue(batch) };
  }

  #take(): WriteOp[] {
    const batch = this.#ops.splice(0, BATCH);
    this.#taken(batch);
    return batch;
  }

  /** Ops out of the queue: no longer merged into, nor counted as pending. */
  #taken(batch: readonly WriteOp[]): void {
    for (const op of batch) {
      if (op.t === 'add') this.#pendingAdds.delete(`${op.name}\n${op.windowStart}`);
      const name = counterOf(op);
      if (name === undefined) continue;
      const left = (this.#pendingOn.get(name) ?? 1) - 1;
      if (left > 0) this.#pendingOn.set(name, left);
      else this.#pendingOn.delete(name);
    }
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

  /** The counters' values after the writes (adds and releases, in order) into the local view. */
  #observe(batch: WriteOp[], values: readonly string[]): void {
    let next = 0;
    for (const op of batch) {
      if (op.t === 'add') this.observe(op.name, op.windowStart, op.windowEnd, Number(values[next++]));
      else if (op.t === 'release') this.observe(op.reservedName, op.windowStart, op.windowEnd, Number(values[next++]));
    }
  }

  /** A batch Redis did not take goes back in front, its adds merged with any made since. */
  #requeue(batch: WriteOp[]): void {
    const kept: WriteOp[] = [];
    for (const op of batch) {
      if (op.t === 'add') {
        const slot = `${op.name}\n${op.windowStart}`;
        const later = this.#pendingAdds.get(slot);
        if (later) {
          later.amount += op.amount;
          continue;
        }
        this.#pendingAdds.set(slot, op);
      }
      const name = counterOf(op);
      if (name !== undefined) this.#pendingOn.set(name, (this.#pendingOn.get(name) ?? 0) + 1);
      kept.push(op);
    }
    this.#ops = [...kept, ...this.#ops];
    this.schedule();
  }
}

/** The counter a write changes, if any. */
function counterOf(op: WriteOp): string | undefined {
  if (op.t === 'add' || op.t === 'delete') return op.name;
  if (op.t === 'release') return op.reservedName;
  return undefined;
}
