function grown<T extends Int32Array | Float64Array>(array: T, length: number, fill = 0): T {
  if (array.length >= length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(length, array.length * 2));
  next.fill(fill);
  next.set(array);
  return next;
}

/**
 * A binary min-heap of stats slots with their keys: the best slot in O(1), a changed key
 * in O(log n). What lets a strategy answer "which deployment is least busy / fastest /
 * has most headroom" at 10,000 deployments without looking at all of them.
 */
export class SlotHeap {
  private heap = new Int32Array(16);
  private size = 0;
  private keys = new Float64Array(16);
  private positions = new Int32Array(16).fill(-1);

  get length(): number {
    return this.size;
  }

  has(slot: number): boolean {
    return slot < this.positions.length && (this.positions[slot] as number) >= 0;
  }

  key(slot: number): number {
    return this.keys[slot] as number;
  }

  /** The slot with the smallest key, or -1 when empty. */
  peek(): number {
    return this.size > 0 ? (this.heap[0] as number) : -1;
  }

  set(slot: number, key: number): void {
    this.keys = grown(this.keys, slot + 1);
    this.positions = grown(this.positions, slot + 1, -1);
    const at = this.positions[slot] as number;
    this.keys[slot] = key;
    if (at < 0) {
      this.heap = grown(this.heap, this.size + 1);
      this.heap[this.size] = slot;
      this.positions[slot] = this.size;
      this.up(this.size++);
    } else {
      this.down(this.up(at));
    }
  }

  delete(slot: number): void {
    if (!this.has(slot)) return;
    const at = this.positions[slot] as number;
    const last = this.heap[--this.size] as number;
    this.positions[slot] = -1;
    if (at === this.size) return;
    this.heap[at] = last;
    this.positions[last] = at;
    this.down(this.up(at));
  }

  /** Calls `visit` for every slot whose key is at most `limit`, visiting only those (and their children). */
  forEachAtMost(limit: number, visit: (slot: number) => void, at = 0): void {
    if (at >= this.size) return;
    const slot = this.heap[at] as number;
    if ((this.keys[slot] as number) > limit) return;
    visit(slot);
    this.forEachAtMost(limit, visit, 2 * at + 1);
    this.forEachAtMost(limit, visit, 2 * at + 2);
  }

  private less(a: number, b: number): boolean {
    return (this.keys[this.heap[a] as number] as number) < (this.keys[this.heap[b] as number] as number);
  }

  private swap(a: number, b: number): void {
    const slotA = this.heap[a] as number;
    const slotB = this.heap[b] as number;
    this.heap[a] = slotB;
    this.heap[b] = slotA;
    this.positions[slotB] = a;
    this.positions[slotA] = b;
  }

  private up(at: number): number {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
    return at;
  }

  private down(at: number): void {
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.less(right, left) ? right : left;
      if (!this.less(child, at)) return;
      this.swap(at, child);
      at = child;
    }
  }
}
