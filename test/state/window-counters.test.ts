import { MemoryWindowCounters } from 'switchyard';
import { describe, expect, it } from 'vitest';

describe('MemoryWindowCounters', () => {
  it('keeps one window per key: a later one replaces it, writes to an earlier one are dropped', () => {
    const counters = new MemoryWindowCounters();
    expect(counters.add('k', 60_000, 120_000, 2)).toBe(2);
    expect(counters.add('k', 60_000, 120_000, 3)).toBe(5);
    expect(counters.add('k', 120_000, 180_000, 1)).toBe(1);
    expect(counters.get('k', 60_000)).toBe(0);
    expect(counters.add('k', 60_000, 120_000, 7)).toBe(0);
    expect(counters.get('k', 120_000)).toBe(1);
    counters.delete('k');
    expect(counters.get('k', 120_000)).toBe(0);
  });

  it('forgets windows that have ended, never the all-time ones', () => {
    const counters = new MemoryWindowCounters();
    counters.add('spend:user:a', 0, Infinity, 1);
    for (let user = 0; user < 5_000; user++) counters.add(`rpm#0:user:${user}`, 0, 60_000, 1);
    // Later minutes: the first minute's 5,000 counters are over and get swept.
    for (let minute = 1; minute <= 10; minute++) for (let i = 0; i < 1_000; i++) counters.add('rpm#0:user:busy', minute * 60_000, (minute + 1) * 60_000, 1);
    expect(counters.size).toBeLessThan(10);
    expect(counters.get('spend:user:a', 0)).toBe(1);
    expect(counters.get('rpm#0:user:busy', 600_000)).toBe(1_000);
  });
});
