import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from '../src/transport/deadlines.js';

describe('Deadlines', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('expires each deadline once, in time order, across durations', () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.add(300, () => fired.push('300'));
    deadlines.add(100, () => fired.push('100'));
    deadlines.add(200, () => fired.push('200'));
    vi.advanceTimersByTime(150);
    expect(fired).toEqual(['100']);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['100', '200', '300']);
    vi.advanceTimersByTime(1_000);
    expect(fired).toHaveLength(3);
  });

  it('never expires a cancelled deadline, wherever it sits in its queue', () => {
    const deadlines = new Deadlines();
    const fired: number[] = [];
    const handles = [0, 1, 2, 3].map((i) => {
      vi.advanceTimersByTime(10);
      return deadlines.add(100, () => fired.push(i));
    });
    deadlines.cancel(handles[0]!);
    deadlines.cancel(handles[2]!);
    deadlines.cancel(handles[2]!);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual([1, 3]);
  });

  it('keeps working after its queues empty and fill again', () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.cancel(deadlines.add(50, () => fired.push('cancelled')));
    vi.advanceTimersByTime(100);
    deadlines.add(50, () => fired.push('second'));
    vi.advanceTimersByTime(49);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['second']);
  });
});
