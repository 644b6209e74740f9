import { describe, expect, it } from 'vitest';
import type { Clock } from 'switchyard';
import { Deadlines } from '../../src/transport/deadlines.js';
import { FakeClock } from '../support/fake-clock.js';

describe('Deadlines', () => {
  let clock: FakeClock;
  const newDeadlines = () => new Deadlines((clock = new FakeClock()));

  it('expires each deadline once, in time order, across durations', async () => {
    const deadlines = newDeadlines();
    const fired: string[] = [];
    deadlines.add(300, () => fired.push('300'));
    deadlines.add(100, () => fired.push('100'));
    deadlines.add(200, () => fired.push('200'));
    await clock.advance(150);
    expect(fired).toEqual(['100']);
    await clock.advance(200);
    expect(fired).toEqual(['100', '200', '300']);
    await clock.advance(1_000);
    expect(fired).toHaveLength(3);
  });

  it('never expires a cancelled deadline, wherever it sits in its queue', async () => {
    const deadlines = newDeadlines();
    const fired: number[] = [];
    const handles = [];
    for (const i of [0, 1, 2, 3]) {
      await clock.advance(10);
      handles.push(deadlines.add(100, () => fired.push(i)));
    }
    deadlines.cancel(handles[0]!);
    deadlines.cancel(handles[2]!);
    deadlines.cancel(handles[2]!);
    await clock.advance(200);
    expect(fired).toEqual([1, 3]);
  });

  it('keeps working after its queues empty and fill again', async () => {
    const deadlines = newDeadlines();
    const fired: string[] = [];
    deadlines.cancel(deadlines.add(50, () => fired.push('cancelled')));
    await clock.advance(100);
    deadlines.add(50, () => fired.push('second'));
    await clock.advance(49);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(['second']);
  });

  it('expires a deadline when its timer fires, even on a clock whose now stands still', () => {
    const timers: Array<() => void> = [];
    const frozen: Clock = { now: () => 1_000, setTimeout: (callback) => timers.push(callback), clearTimeout: () => {} };
    const fired: string[] = [];
    new Deadlines(frozen).add(50, () => fired.push('expired'));
    timers.shift()?.();
    expect(fired).toEqual(['expired']);
  });
});
