import type { Clock } from 'switchyard';

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
