import type { Deployment } from '../deployments/deployment.js';
import { RateLimitError } from '../errors/api-errors.js';
import { RouterError } from '../errors/router-error.js';
import type { RouterEventBus } from '../events/router-event-bus.js';
import type { StateStore } from '../state/state-store.js';
import { circuitStatus, copyCircuit, newCircuit, recordFailure, recordSuccess, windowStats, type Circuit, type CircuitStatus } from './circuit.js';
import type { CooldownPolicy } from './cooldown-policy.js';

/** One deployment's health, as `router.health()` reports it. */
export interface DeploymentHealth {
  deploymentId: string;
  model: string;
  provider: string;
  state: CircuitStatus;
  consecutiveFailures: number;
  successes: number;
  failures: number;
  /** Failure rate over the cooldown window. */
  failureRate: number;
  /** When an open circuit lets a probe through (epoch ms). */
  reopensAt: number | undefined;
  /** Error class that opened the circuit. */
  reason: string | undefined;
}

export type Availability = { available: true; probe: boolean } | { available: false; reopensAt: number };

const AVAILABLE: Availability = { available: true, probe: false };

/**
 * Cooldowns and circuit breaking per deployment, over the state store. Open: out of
 * rotation until `reopensAt`; then half-open: exactly one request probes it, success
 * closes it (`recovered`), failure reopens it for twice as long.
 */
export class HealthMonitor {
  /** Circuits opened by this router and not yet closed. */
  openCircuits = 0;
  /**
   * The circuit being changed: the stored one is read-only, so each change is made on this
   * copy and written back with `setCircuit`, which copies it. One per monitor, so a success
   * allocates nothing.
   */
  private readonly working = newCircuit(0);

  /**
   * @param ownStore the store is this router's alone, so the circuits it opened are all
   * there are; a store passed in may hold circuits other routers (or processes) opened.
   */
  constructor(
    private readonly store: StateStore,
    private readonly policy: CooldownPolicy,
    private readonly events: RouterEventBus,
    private readonly now: () => number,
    private readonly ownStore: boolean,
  ) {}

  /** Whether a deployment may be out of rotation, so selection must check: while false it skips the health filter. */
  get mayHaveOpenCircuits(): boolean {
    return this.openCircuits > 0 || !this.ownStore;
  }

  availability(deployment: Deployment): Availability {
    const circuit = this.store.getCircuit(deployment.id);
    if (!circuit?.open) return AVAILABLE;
    const now = this.now();
    if (now < circuit.reopensAt) return { available: false, reopensAt: circuit.reopensAt };
    return circuit.probing ? { available: false, reopensAt: now + circuit.cooldownMs } : { available: true, probe: true };
  }

  /** Takes the half-open probe slot; false when another request already holds it. */
  claimProbe(deployment: Deployment): boolean {
    const stored = this.store.getCircuit(deployment.id);
    if (!stored || circuitStatus(stored, this.now()) !== 'half-open' || stored.probing) return false;
    this.store.setCircuit(deployment.id, { ...stored, probing: true });
    return true;
  }

  /** A probe that ended without a verdict (the caller aborted): let the next request probe. */
  releaseProbe(deployment: Deployment): void {
    const stored = this.store.getCircuit(deployment.id);
    if (!stored?.probing) return;
    this.store.setCircuit(deployment.id, { ...stored, probing: false });
  }

  /** Records a success; `probe` when this attempt held the half-open probe slot. */
  succeeded(deployment: Deployment, probe: boolean): void {
    if (this.policy.disabled) return;
    const now = this.now();
    const circuit = this.workingCopy(deployment.id, now);
    const downForMs = now - circuit.openedAt;
    const closed = recordSuccess(circuit, probe, now, this.policy);
    this.store.setCircuit(deployment.id, circuit);
    if (closed) this.openCircuits--;
    if (closed && this.events.has('recovered')) {
      this.events.emit('recovered', { deploymentId: deployment.id, model: deployment.model, provider: deployment.provider, downForMs });
    }
  }

  /** Records a failure that says something about the deployment (never a client-side one); `probe` as for `succeeded`. */
  failed(deployment: Deployment, error: unknown, immediate: boolean, probe: boolean): void {
    if (this.policy.disabled) return;
    const now = this.now();
    const circuit = this.workingCopy(deployment.id, now);
    const reason = error instanceof RouterError ? error.name : 'Error';
    const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined;
    const wasOpen = circuit.open;
    const cooldownMs = recordFailure(circuit, { reason, immediate, retryAfterMs }, probe, now, this.policy);
    const { open, reopensAt } = circuit;
    this.store.setCircuit(deployment.id, circuit);
    if (!wasOpen && open) this.openCircuits++;
    if (cooldownMs !== undefined && this.events.has('cooldown')) {
      this.events.emit('cooldown', {
        deploymentId: deployment.id,
        model: deployment.model,
        provider: deployment.provider,
        reason,
        error,
        cooldownMs,
        reopensAt,
      });
    }
  }

  forget(deploymentId: string): void {
    if (this.store.getCircuit(deploymentId)?.open) this.openCircuits--;
    this.store.deleteCircuit(deploymentId);
  }

  report(deployment: Deployment): DeploymentHealth {
    const circuit = this.store.getCircuit(deployment.id);
    const now = this.now();
    const state = circuitStatus(circuit, now);
    return {
      deploymentId: deployment.id,
      model: deployment.model,
      provider: deployment.provider,
      state,
      consecutiveFailures: circuit?.consecutiveFailures ?? 0,
      successes: circuit?.totalSuccesses ?? 0,
      failures: circuit?.totalFailures ?? 0,
      failureRate: circuit ? windowStats(circuit, now, this.policy.windowMs).failureRate : 0,
      reopensAt: state === 'closed' ? undefined : circuit?.reopensAt,
      reason: circuit?.reason,
    };
  }

  /** The stored circuit copied into `working`, or a new closed one. */
  private workingCopy(deploymentId: string, now: number): Circuit {
    const stored = this.store.getCircuit(deploymentId);
    return stored ? copyCircuit(stored, this.working) : newCircuit(now);
  }
}
