import type { Deployment } from './deployment.js';

/**
 * Deployments by id and by model group. Groups are replaced on change, never edited in
 * place, so a request holding a group keeps a consistent view while deployments change.
 */
export class DeploymentRegistry {
  private readonly byId = new Map<string, Deployment>();
  private readonly byModel = new Map<string, readonly Deployment[]>();

  constructor(deployments: readonly Deployment[]) {
    for (const deployment of deployments) this.add(deployment);
  }

  add(deployment: Deployment): void {
    this.byId.set(deployment.id, deployment);
    this.byModel.set(deployment.model, [...(this.byModel.get(deployment.model) ?? []), deployment]);
  }

  remove(id: string): Deployment | undefined {
    const deployment = this.byId.get(id);
    if (!deployment) return undefined;
    this.byId.delete(id);
    const rest = (this.byModel.get(deployment.model) ?? []).filter((d) => d.id !== id);
    if (rest.length > 0) this.byModel.set(deployment.model, rest);
    else this.byModel.delete(deployment.model);
    return deployment;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  group(model: string): readonly Deployment[] | undefined {
    return this.byModel.get(model);
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
}
