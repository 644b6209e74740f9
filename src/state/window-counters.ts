/**
 * Numbers kept per key and time window (spend per budget period, requests and tokens per
 * minute). A key holds one window at a time: a later window replaces it, and writes to an
 * earlier one are dropped. The all-time window starts at 0 and ends at Infinity. A window
 * that has ended may be forgotten (a shared store expires its keys then). Synchronous,
 * like the rest of the store's reads: a shared store keeps a local view and writes through.
 */
export interface WindowCounters {
  /** The value of `key` in the window starting at `windowStart`; 0 when it has none. */
  get(key: string, windowStart: number): number;
  /** Adds `amount` (negative to take back) in the window from `windowStart` to `windowEnd`, and returns the new value. */
  add(key: string, windowStart: number, windowEnd: number, amount: number): number;
  delete(key: string): void;
}

/** Ended windows are swept after this many writes. */
const SWEEP_EVERY = 10_000;

interface WindowValue {
  windowStart: number;
  windowEnd: number;
  value: number;
}

export class MemoryWindowCounters implements WindowCounters {
  private readonly values = new Map<string, WindowValue>();
  /** The latest window start written: windows that ended before it are over for good. */
  private latestStart = 0;
  private writes = 0;

  get(key: string, windowStart: number): number {
    const entry = this.values.get(key);
    return entry !== undefined && entry.windowStart === windowStart ? entry.value : 0;
  }

  add(key: string, windowStart: number, windowEnd: number, amount: number): number {
    if (++this.writes >= SWEEP_EVERY) this.sweep();
    if (windowStart > this.latestStart) this.latestStart = windowStart;
    const entry = this.values.get(key);
    if (entry === undefined || entry.windowStart < windowStart) {
      this.values.set(key, { windowStart, windowEnd, value: amount });
      return amount;
    }
    if (entry.windowStart > windowStart) return 0;
    entry.value += amount;
    return entry.value;
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  /** How many keys are held (ended windows included until the next sweep). */
  get size(): number {
    return this.values.size;
  }

  private sweep(): void {
    this.writes = 0;
    for (const [key, entry] of this.values) if (entry.windowEnd <= this.latestStart) this.values.delete(key);
  }
}
