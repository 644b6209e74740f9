import type { DeploymentStats } from '../state/deployment-stats.js';
import type { Deployment } from './deployment.js';
import { buildGroup, type DeploymentGroup } from './deployment-group.js';

/**
 * Deployments by id and by model group, wildcard groups apart. Groups are replaced on
 * change, never edited in place, so a request holding a group keeps a consistent view
 * while deployments change. Each deployment gets a slot in the stats table while held.
 */
export class DeploymentRegistry {
  private readonly byId = new Map<string, Deployment>();
  private readonly byModel = new Map<string, DeploymentGroup>();
  private readonly bySlot: Array<Deployment | undefined> = [];
  private wildcards: readonly DeploymentGroup[] = [];

  constructor(
    deployments: readonly Deployment[],
    private readonly stats: DeploymentStats,
  ) {
    for (const deployment of deployments) this.add(deployment);
  }

  add(deployment: Deployment): void {
    deployment.stats.slot = this.stats.allocate();
    this.bySlot[deployment.stats.slot] = deployment;
    this.byId.set(deployment.id, deployment);
    this.regroup(deployment.model, [...(this.byModel.get(deployment.model)?.deployments ?? []), deployment]);
  }

  remove(id: string): Deployment | undefined {
    const deployment = this.byId.get(id);
    if (!deployment) return undefined;
    this.byId.delete(id);
    this.regroup(
      deployment.model,
      (this.byModel.get(deployment.model)?.deployments ?? []).filter((d) => d.id !== id),
    );
    this.stats.release(deployment.stats.slot);
    this.bySlot[deployment.stats.slot] = undefined;
    // Calls still holding it must not touch a slot that may be handed to another deployment.
    deployment.stats.slot = -1;
    return deployment;
  }

  /** Puts `next` where the deployment with its id was, keeping its slot (and so its latency and usage figures). */
  replace(next: Deployment): Deployment | undefined {
    const previous = this.byId.get(next.id);
    if (!previous) return undefined;
    next.stats.slot = previous.stats.slot;
    this.bySlot[next.stats.slot] = next;
    this.byId.set(next.id, next);
    const swap = (d: Deployment) => (d.id === next.id ? next : d);
    if (previous.model === next.model) {
      this.regroup(next.model, (this.byModel.get(next.model)?.deployments ?? []).map(swap));
    } else {
      this.regroup(
        previous.model,
        (this.byModel.get(previous.model)?.deployments ?? []).filter((d) => d.id !== next.id),
      );
      this.regroup(next.model, [...(this.byModel.get(next.model)?.deployments ?? []), next]);
    }
    return previous;
  }

  get(id: string): Deployment | undefined {
    return this.byId.get(id);
  }

  atSlot(slot: number): Deployment | undefined {
    return this.bySlot[slot];
  }

  /** The group serving `model`: its own, else the first wildcard group whose prefix it starts with. */
  group(model: string): DeploymentGroup | undefined {
    const exact = this.byModel.get(model);
    if (exact) return exact;
    for (const group of this.wildcards) if (model.startsWith(group.model.slice(0, -1))) return group;
    return undefined;
  }

  models(): string[] {
    return [...this.byModel.keys()];
  }

  all(): Deployment[] {
    return [...this.byId.values()];
  }

  ids(): ReadonlySet<string> {
    return new Set(this.byId.keys());
  }

  /** Rebuilds every group as new lists, so strategies rank them afresh (after prices change). */
  regroupAll(): void {
    for (const [model, group] of [...this.byModel]) this.regroup(model, [...group.deployments]);
  }

  private regroup(model: string, deployments: readonly Deployment[]): void {
    if (deployments.length > 0) this.byModel.set(model, buildGroup(model, deployments));
    else this.byModel.delete(model);
    if (model.endsWith('*')) this.wildcards = [...this.byModel.values()].filter((g) => g.model.endsWith('*'));
  }
}
