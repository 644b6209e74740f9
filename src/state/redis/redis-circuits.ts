import type { Circuit } from '../../health/circuit.js';
import type { WriteQueue } from './write-queue.js';

/**
 * Circuits over Redis: the local view answers reads; each write goes to the view and to
 * Redis, which keeps the newest of concurrent writes and publishes the result to every
 * process (this one too), so a deployment one process cools down is out everywhere
 * within a turn of the event loop and a network hop.
 */
export class RedisCircuits {
  readonly #view = new Map<string, Circuit>();
  queue: WriteQueue | undefined;

  get(deploymentId: string): Readonly<Circuit> | undefined {
    return this.#view.get(deploymentId);
  }

  set(deploymentId: string, circuit: Readonly<Circuit>): void {
    this.#view.set(deploymentId, { ...circuit });
    this.queue?.push({ t: 'circuit', id: deploymentId, json: JSON.stringify(circuit) });
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

  load(id: string, json: string): void {
    try {
      const circuit = JSON.parse(json) as Circuit;
      // JSON has no undefined: a circuit without a reason comes back without the key.
      circuit.reason ??= undefined;
      this.#view.set(id, circuit);
    } catch {
      // Not written by this store: left out.
    }
  }
}
