import { MemoryWindowCounters, type WindowCounters } from '../window-counters.js';
import type { WriteQueue } from './write-queue.js';

/**
 * Window counters over Redis: reads come from a local view, writes go to the view at once
 * and to Redis in the background, whose answers (and every claim's) bring the fleet's
 * values back into the view.
 */
export class RedisWindowCounters implements WindowCounters {
  readonly #view = new MemoryWindowCounters();
  /** Set once the store's write queue exists. */
  queue: WriteQueue | undefined;

  get(key: string, windowStart: number): number {
    return this.#view.get(key, windowStart);
  }

  add(key: string, windowStart: number, windowEnd: number, amount: number): number {
    this.queue?.push({ t: 'add', name: key, windowStart, windowEnd, amount });
    return this.#view.add(key, windowStart, windowEnd, amount);
  }

  /** Raises the counter to at least `value` in the view at once, and in Redis (atomically there) with the other queued writes. */
  raise(key: string, windowStart: number, windowEnd: number, value: number): void {
    this.queue?.push({ t: 'raise', name: key, windowStart, windowEnd, value });
    const current = this.#view.get(key, windowStart);
    if (value > current) this.#view.add(key, windowStart, windowEnd, value - current);
  }

  delete(key: string): void {
    this.queue?.push({ t: 'delete', name: key });
    this.#view.delete(key);
  }

  /**
   * The fleet's value of a counter, as Redis answered it, with this process's adds still
   * queued for Redis, replaces the local one (unless the view is in a later window).
   */
  observe(key: string, windowStart: number, windowEnd: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const seen = value + (this.queue?.pendingAmount(key, windowStart) ?? 0);
    this.#view.add(key, windowStart, windowEnd, seen - this.#view.get(key, windowStart));
  }
}
