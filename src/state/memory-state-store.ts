import { copyCircuit, type Circuit } from '../health/circuit.js';
import { DeploymentStats } from './deployment-stats.js';
import type { StateStore } from './state-store.js';
import { MemoryWindowCounters } from './window-counters.js';

/** State in this process only: the default. */
export class MemoryStateStore implements StateStore {
  private readonly circuits = new Map<string, Circuit>();
  readonly stats = new DeploymentStats();
  readonly counters = new MemoryWindowCounters();

  getCircuit(deploymentId: string): Readonly<Circuit> | undefined {
    return this.circuits.get(deploymentId);
  }

  /** Copies into the circuit it holds, so a write allocates only for a deployment it has not seen. */
  setCircuit(deploymentId: string, circuit: Readonly<Circuit>): void {
    const held = this.circuits.get(deploymentId);
    if (held === undefined) this.circuits.set(deploymentId, { ...circuit });
    else copyCircuit(circuit, held);
  }

  deleteCircuit(deploymentId: string): void {
    this.circuits.delete(deploymentId);
  }
}
