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
