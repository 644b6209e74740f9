import type { Circuit } from '../health/circuit.js';
import type { DeploymentStats } from './deployment-stats.js';
import type { WindowCounters } from './window-counters.js';

/**
 * Where state that outlives a request lives. Reads are synchronous because selection
 * never waits on I/O: a shared store (Redis) keeps a local view current and writes
 * through. The in-memory store is the default; each router gets its own.
 */
export interface StateStore {
  /** In-flight counts, latency samples and per-minute usage, read on every pick. */
  readonly stats: DeploymentStats;
  /** Spend, budget reservations and caller rate counts, per key and time window. */
  readonly counters: WindowCounters;
  /** The circuit as known here; its success counters are updated in place on the returned object. */
  getCircuit(deploymentId: string): Circuit | undefined;
  /** Called for a new circuit and whenever one opens, closes or starts probing. */
  setCircuit(deploymentId: string, circuit: Circuit): void;
  deleteCircuit(deploymentId: string): void;
}
