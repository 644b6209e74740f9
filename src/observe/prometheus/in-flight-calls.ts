import type { Gauge } from 'prom-client';

/**
 * Calls between their first attempt and their end, by request id. A call that fails before
 * any attempt (invalid, over budget) or is answered from the cache never entered, so its end
 * takes nothing away; nor does the end of a call that began before the instrumentation.
 */
export class InFlightCalls {
  readonly #modelById = new Map<string, string>();

  constructor(private readonly gauge: Gauge<'model'>) {}

  started(requestId: string, model: string): void {
    if (this.#modelById.has(requestId)) return;
    this.#modelById.set(requestId, model);
    this.gauge.inc({ model });
  }

  ended(requestId: string): void {
    const model = this.#modelById.get(requestId);
    if (model === undefined) return;
    this.#modelById.delete(requestId);
    this.gauge.dec({ model });
  }

  clear(): void {
    this.#modelById.clear();
  }
}
