import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentRegistry } from '../deployments/deployment-registry.js';
import type { DeploymentStats, StatChange, StatsWatcher } from '../state/deployment-stats.js';

const MINUTE_MS = 60_000;
const NONE_FULL = { full: undefined, freeAt: Infinity };

function saturated(stats: DeploymentStats, d: Deployment): boolean {
  const slot = d.stats.slot;
  return (
    (d.maxConcurrency !== undefined && (stats.inFlight[slot] as number) >= d.maxConcurrency) ||
    (d.rpm !== undefined && (stats.requestsThisMinute[slot] as number) >= d.rpm) ||
    (d.tpm !== undefined && (stats.tokensThisMinute[slot] as number) >= d.tpm)
  );
}

/**
 * The deployments at their rpm, tpm or concurrency limit, kept as the stats change, so the
 * capacity filter looks at the few that are full instead of every limited deployment. A
 * request-sized tpm check (does this prompt still fit?) is made on the deployment picked.
 */
export class CapacityTracker implements StatsWatcher {
  private readonly full = new Set<number>();

  private watching = false;

  constructor(
    private readonly stats: DeploymentStats,
    private readonly registry: DeploymentRegistry,
  ) {}

  /** Starts following the stats once some deployment has a limit: until then, calls pay nothing for it. True when it does. */
  follow(deployment: Deployment): boolean {
    if (deployment.rpm === undefined && deployment.tpm === undefined && deployment.maxConcurrency === undefined) return this.watching;
    if (!this.watching) this.stats.watch(this);
    this.watching = true;
    return true;
  }

  changed(slot: number, what: StatChange): void {
    if (what !== 'inFlight' && what !== 'usage') return;
    const deployment = this.registry.atSlot(slot);
    if (!deployment || (deployment.rpm === undefined && deployment.tpm === undefined && deployment.maxConcurrency === undefined)) return;
    if (saturated(this.stats, deployment)) this.full.add(slot);
    else if (this.full.size > 0) this.full.delete(slot);
  }

  /** The full deployments of a model group, and the soonest a minute-limited one frees up. */
  fullIn(model: string, now: number): { full: Set<Deployment> | undefined; freeAt: number } {
    if (this.full.size === 0) return NONE_FULL;
    let full: Set<Deployment> | undefined;
    let freeAt = Infinity;
    for (const slot of this.full) {
      const deployment = this.registry.atSlot(slot);
      if (deployment) this.stats.currentMinute(slot, now);
      if (!deployment || !saturated(this.stats, deployment)) {
        this.full.delete(slot);
        continue;
      }
      if (deployment.model !== model) continue;
      (full ??= new Set()).add(deployment);
      const concurrencyOnly = deployment.maxConcurrency !== undefined && (this.stats.inFlight[slot] as number) >= deployment.maxConcurrency;
      if (!concurrencyOnly) freeAt = Math.min(freeAt, (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS);
    }
    return { full, freeAt };
  }
}
