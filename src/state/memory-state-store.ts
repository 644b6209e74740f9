import type { Circuit } from '../health/circuit.js';
import { DeploymentStats } from './deployment-stats.js';
import type { StateStore } from './state-store.js';
import { MemoryWindowCounters } from './window-counters.js';

/** State in this process only: the default. */
export class MemoryStateStore implements StateStore {
  private readonly circuits = new Map<string, Circuit>();
  readonly stats = new DeploymentStats();
  readonly counters = new MemoryWindowCounters();

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
