import { describe, expect, it } from 'vitest';
import { DeploymentStats } from 'switchyard';

describe('latency samples', () => {
  it('average the last ten, leaving out those older than the TTL', () => {
    const stats = new DeploymentStats();
    const slot = stats.allocate();
    for (let i = 1; i <= 12; i++) stats.addLatency(slot, i * 10, 1_000 + i, 60_000);
    expect(stats.latency.read(slot, 1_012, 60_000)).toBeCloseTo((30 + 40 + 50 + 60 + 70 + 80 + 90 + 100 + 110 + 120) / 10);
    stats.addLatency(slot, 1_000, 100_000, 60_000);
    expect(stats.latency.read(slot, 100_000, 60_000)).toBe(1_000);
    expect(Number.isNaN(stats.latency.read(slot, 200_000, 60_000))).toBe(true);
  });

  it('start again from nothing for a slot handed to another deployment', () => {
    const stats = new DeploymentStats();
    const slot = stats.allocate();
    stats.addLatency(slot, 50, 1_000, 60_000);
    stats.release(slot);
    expect(stats.allocate()).toBe(slot);
    expect(Number.isNaN(stats.latency.read(slot, 1_000, 60_000))).toBe(true);
    stats.addLatency(slot, 20, 1_000, 60_000);
    expect(stats.latency.read(slot, 1_000, 60_000)).toBe(20);
  });
});

describe('numbers that are not counts', () => {
  const NOT_COUNTS = [NaN, Infinity, -Infinity, -5, '12' as unknown as number, undefined as unknown as number];

  it('are never recorded as latency, time to first token or output', () => {
    const stats = new DeploymentStats();
    const slot = stats.allocate();
    stats.addLatency(slot, 40, 1_000, 60_000);
    stats.addTimeToFirstToken(slot, 30, 1_000, 60_000);
    stats.addOutput(slot, 8);
    for (const value of NOT_COUNTS) {
      stats.addLatency(slot, value, 1_000, 60_000);
      stats.addTimeToFirstToken(slot, value, 1_000, 60_000);
      stats.addOutput(slot, value);
    }
    stats.addOutput(slot, 1e300);
    expect(stats.latency.read(slot, 1_000, 60_000)).toBe(40);
    expect(stats.ttft.read(slot, 1_000, 60_000)).toBe(30);
    expect([stats.outputMean[slot], stats.outputCount[slot]]).toEqual([8, 1]);
  });

  it('reserve nothing this minute (an endless estimate the most one call may use), and a used count that is not one leaves the reservation', () => {
    const stats = new DeploymentStats();
    const slot = stats.allocate();
    const reserved = NOT_COUNTS.filter((value) => value !== Infinity).map((value) => stats.begin(slot, 1_000, value));
    expect(reserved).toEqual([0, 0, 0, 0, 0]);
    expect(stats.begin(slot, 1_000, Infinity)).toBe(100_000_000);
    expect(stats.begin(slot, 1_000, 50)).toBe(50);
    for (const value of [...NOT_COUNTS, 1e300]) stats.end(slot, stats.minute[slot] as number, 50, value);
    expect(stats.tokensThisMinute[slot]).toBe(100_000_050);
    stats.end(slot, stats.minute[slot] as number, 100_000_000, 20);
    expect(stats.tokensThisMinute[slot]).toBe(70);
  });
});
