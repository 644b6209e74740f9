import type { Circuit } from '../health/circuit.js';

/**
 * Where state that outlives a request lives. Reads are synchronous because selection
 * never waits on I/O: a shared store (Redis) keeps a local view current and writes
 * through. The in-memory store is the default; each router gets its own.
 */
export interface StateStore {
  getCircuit(deploymentId: string): Circuit | undefined;
  setCircuit(deploymentId: string, circuit: Circuit): void;
  deleteCircuit(deploymentId: string): void;
}
