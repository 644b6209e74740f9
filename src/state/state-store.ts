import type { Circuit } from '../health/circuit.js';
import type { DeploymentStats } from './deployment-stats.js';
import type { SharedState } from './shared-state.js';
import type { WindowCounters } from './window-counters.js';

/**
 * Where state that outlives a request lives. Reads are synchronous because selection
 * never waits on I/O: a shared store (Redis) keeps a local view current and writes
 * through. The in-memory store is the default; each router gets its own.
 *
 * Circuits are plain data written back explicitly: the router never changes an object it
 * read, and writes every change (each success and failure, a probe taken or released)
 * with `setCircuit`. `runStateStoreConformance` from `switchyard/testing` checks a store.
 */
export interface StateStore {
  /** In-flight counts, latency samples and per-minute usage, read on every pick. */
  readonly stats: DeploymentStats;
  /** Spend, budget reservations and caller rate counts, per key and time window. */
  readonly counters: WindowCounters;
  /**
   * The circuit as last written, or undefined when none was. The router only reads it and
   * keeps it no longer than the call, so the store may hand out its own object (valid until
   * the next write) or a copy.
   */
  getCircuit(deploymentId: string): Readonly<Circuit> | undefined;
  /**
   * Replaces the circuit with a copy of `circuit`: the router reuses the object it passes,
   * so a store must copy its fields, never keep it. Called on every outcome; the fields
   * that decide who is served (`open`, `reopensAt`, `probing`, `cooldownMs`, `openedAt`,
   * `reason`) must read back exactly, and the counts feed `router.health()` and the failure rate.
   */
  setCircuit(deploymentId: string, circuit: Readonly<Circuit>): void;
  deleteCircuit(deploymentId: string): void;
  /**
   * Set by a store shared between processes (Redis): before each provider call the router
   * checks and takes what the attempt needs (caller limits, the deployment's rpm/tpm,
   * budget holds, a probe) in one atomic step through it, instead of adding to `counters`.
   */
  readonly shared?: SharedState;
}
