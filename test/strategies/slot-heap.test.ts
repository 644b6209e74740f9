import { describe, expect, it } from 'vitest';
import { SlotHeap } from '../../src/strategies/slot-heap.js';
import { seededRandom } from '../../src/testing/seeded-random.js';

describe('SlotHeap', () => {
  it('always yields the smallest key as keys change, are added and deleted', () => {
    const heap = new SlotHeap();
    const random = seededRandom(11);
    const keys = new Map<number, number>();
    for (let step = 0; step < 5_000; step++) {
      const slot = Math.floor(random() * 200);
      if (random() < 0.2) {
        heap.delete(slot);
        keys.delete(slot);
      } else {
        const key = Math.floor(random() * 1_000);
        heap.set(slot, key);
        keys.set(slot, key);
      }
      const smallest = Math.min(...keys.values());
      expect(heap.length).toBe(keys.size);
      if (keys.size > 0) expect(heap.key(heap.peek())).toBe(smallest);
    }
    const within: number[] = [];
    heap.forEachAtMost(300, (slot) => within.push(slot));
    expect(within.sort((a, b) => a - b)).toEqual(
      [...keys]
        .filter(([, k]) => k <= 300)
        .map(([s]) => s)
        .sort((a, b) => a - b),
    );
  });
});
