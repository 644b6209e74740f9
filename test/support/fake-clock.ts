import type { Clock } from 'switchyard';
import { until } from './until.js';

interface PendingTimer {
  at: number;
  order: number;
  callback: () => void;
}

/** Lets promise callbacks and I/O callbacks that are already due run: a few real event-loop turns. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock whose time moves only when the test says so. Give it to a router as `clock`
 * and its timeouts, deadlines, retry waits and `maxWaitMs` waits fire on `advance`, never
 * on their own, so no test waits for real time or depends on the machine's speed.
 */
export class FakeClock implements Clock {
  #now: number;
  #order = 0;
  #timers = new Map<number, PendingTimer>();

  constructor(start = Date.UTC(2026, 0, 1, 12, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): number {
    const handle = ++this.#order;
    this.#timers.set(handle, { at: this.#now + Math.max(0, ms), order: handle, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `ms`, firing due timers in time order; between timers, work they
   * started gets its real event-loop turns (it may set new timers within the span).
   */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    await settle();
    for (let timer = this.#next(); timer && timer.at <= until; timer = this.#next()) {
      this.#timers.delete(timer.order);
      this.#now = timer.at;
      timer.callback();
      await settle();
    }
    this.#now = until;
  }

  /**
   * For work that waits on nothing but this clock (the in-process mock provider): whenever
   * it is idle, moves time to the next timer, until `work` settles.
   */
  async drive<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => (settled = true));
    watched.catch(() => {});
    for (await settle(); !settled; await settle()) {
      const next = this.#next();
      if (!next) throw new Error('the work is pending but no timer is');
      await this.advance(next.at - this.#now);
    }
    return watched;
  }

  /** How far ahead each waiting timer is due, in milliseconds from now. */
  dueIn(): number[] {
    return [...this.#timers.values()].map((timer) => timer.at - this.#now);
  }

  #next(): PendingTimer | undefined {
    let next: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) next = timer;
    }
    return next;
  }
}

/**
 * Runs `call` on a router driven by `clock`: each time an attempt reaches `hanging` (a server
 * that never answers), moves the clock past `timeoutMs` so that attempt times out.
 */
export async function callPastHangs<T>(call: () => Promise<T>, clock: FakeClock, hanging: { calls: readonly unknown[] }, timeoutMs: number): Promise<T> {
  let settled = false;
  let seen = hanging.calls.length;
  const pending = call().finally(() => (settled = true));
  pending.catch(() => {});
  for (;;) {
    await until(() => settled || hanging.calls.length > seen);
    if (settled) return pending;
    seen = hanging.calls.length;
    await clock.advance(timeoutMs);
  }
}
