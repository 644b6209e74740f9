import { copyCircuit, type Circuit } from '../../health/circuit.js';
import type { WriteQueue } from './write-queue.js';

/**
 * Whether two circuits are alike in what the fleet shares: open or not, since when, until
 * when, for how long and why. Whether a probe is out is not shared: the claim script's
 * probe key decides that, and expires with its attempt, so a probe whose process died
 * never keeps a deployment out.
 */
function sharedAlike(a: Readonly<Circuit>, b: Readonly<Circuit>): boolean {
  return a.open === b.open && a.openedAt === b.openedAt && a.reopensAt === b.reopensAt && a.cooldownMs === b.cooldownMs && a.reason === b.reason;
}

/**
 * Circuits over Redis: the local view answers reads; each write goes to the view and, when
 * it changes what the fleet shares, to Redis, which keeps the newest of concurrent writes
 * and publishes the result to every process (this one too), so a deployment one process
 * cools down is out everywhere within milliseconds. The counts stay per process.
 */
export class RedisCircuits {
  readonly #view = new Map<string, Circuit>();
  queue: WriteQueue | undefined;

  get(deploymentId: string): Readonly<Circuit> | undefined {
    return this.#view.get(deploymentId);
  }

  set(deploymentId: string, circuit: Readonly<Circuit>): void {
    const held = this.#view.get(deploymentId);
    const shared = held === undefined || !sharedAlike(held, circuit);
    if (held === undefined) this.#view.set(deploymentId, { ...circuit });
    else copyCircuit(circuit, held);
    if (shared) this.queue?.push({ t: 'circuit', id: deploymentId, json: JSON.stringify({ ...circuit, probing: false }) });
  }

  delete(deploymentId: string): void {
    this.#view.delete(deploymentId);
    this.queue?.push({ t: 'delete-circuit', id: deploymentId });
  }

  /** A circuit as Redis holds it (from a published change or a load): `id` newline JSON, empty JSON when it was deleted. */
  apply(message: string): void {
    const newline = message.indexOf('\n');
    if (newline < 0) return;
    const id = message.slice(0, newline);
    const json = message.slice(newline + 1);
    if (json === '') this.#view.delete(id);
    else this.load(id, json);
  }

  /** A circuit from Redis replaces the local one; a probe this process holds stays marked while the circuit is in the same opening. */
  load(id: string, json: string): void {
    let circuit: Circuit;
    try {
      circuit = JSON.parse(json) as Circuit;
    } catch {
      return; // Not written by this store: left out.
    }
    // JSON has no undefined: a circuit without a reason comes back without the key.
    circuit.reason ??= undefined;
    const held = this.#view.get(id);
    circuit.probing = held !== undefined && held.probing && held.openedAt === circuit.openedAt && circuit.open;
    this.#view.set(id, circuit);
  }
}
