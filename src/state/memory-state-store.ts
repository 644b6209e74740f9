import type { Circuit } from '../health/circuit.js';
import { DeploymentStats } from './deployment-stats.js';
import type { StateStore } from './state-store.js';

/** State in this process only: the default. */
export class MemoryStateStore implements StateStore {
  private readonly circuits = new Map<string, Circuit>();
  readonly stats = new DeploymentStats();

  getCircuit(deploymentId: string): Circuit | undefined {
    return this.circuits.get(deploymentId);
  }

  setCircuit(deploymentId: string, circuit: Circuit): void {
    this.circuits.set(deploymentId, circuit);
  }

  deleteCircuit(deploymentId: string): void {
    this.circuits.delete(deploymentId);
  }
}
