/**
 * Numbers kept per key and time window (spend per budget period, requests and tokens per
 * minute). A key holds one window at a time: a later window replaces it, and writes to an
 * earlier one are dropped. Window 0 never ends. Synchronous, like the rest of the store's
 * reads: a shared store keeps a local view and writes through.
 */
export interface WindowCounters {
  /** The value of `key` in the window starting at `windowStart`; 0 when it has none. */
  get(key: string, windowStart: number): number;
  /** Adds `amount` (negative to take back) and returns the new value. */
  add(key: string, windowStart: number, amount: number): number;
  delete(key: string): void;
}

export class MemoryWindowCounters implements WindowCounters {
  private readonly values = new Map<string, { windowStart: number; value: number }>();

  get(key: string, windowStart: number): number {
    const entry = this.values.get(key);
    return entry !== undefined && entry.windowStart === windowStart ? entry.value : 0;
  }

  add(key: string, windowStart: number, amount: number): number {
    const entry = this.values.get(key);
    if (entry === undefined || entry.windowStart < windowStart) {
      this.values.set(key, { windowStart, value: amount });
      return amount;
    }
    if (entry.windowStart > windowStart) return 0;
    entry.value += amount;
    return entry.value;
  }

  delete(key: string): void {
    this.values.delete(key);
  }
}
