/** Keys of one script call, each passed once and named by its 1-based index, as KEYS in Lua. */
export class KeyList {
  readonly keys: string[] = [];
  readonly #index = new Map<string, number>();

  add(key: string): number {
    let index = this.#index.get(key);
    if (index === undefined) {
      index = this.keys.push(key);
      this.#index.set(key, index);
    }
    return index;
  }
}

/** A window edge as the scripts take it: exact digits, and `inf` for a window that never ends. */
export const edge = (ms: number) => (Number.isFinite(ms) ? String(ms) : 'inf');

/** Milliseconds a window key is kept after a write: its window's length and a minute of grace; 0 (for ever) for an all-time window. */
export const windowTtlMs = (windowStart: number, windowEnd: number) => (Number.isFinite(windowEnd) ? windowEnd - windowStart + 60_000 : 0);
