import type { Gauge } from 'prom-client';

/**
 * Calls between their first attempt and their end, by request id, counted by model and set
 * on the gauge when it is scraped. A call that fails before any attempt (invalid, over
 * budget) or is answered from the cache never entered, so its end takes nothing away; nor
 * does the end of a call that began before the instrumentation.
 */
export class InFlightCalls {
  readonly #modelById = new Map<string, string>();
  readonly #countByModel = new Map<string, number>();

  started(requestId: string, model: string): void {
    if (this.#modelById.has(requestId)) return;
    this.#modelById.set(requestId, model);
    this.#countByModel.set(model, (this.#countByModel.get(model) ?? 0) + 1);
  }

  ended(requestId: string): void {
    const model = this.#modelById.get(requestId);
    if (model === undefined) return;
    this.#modelById.delete(requestId);
    this.#countByModel.set(model, (this.#countByModel.get(model) as number) - 1);
  }

  /** Sets the gauge, a model whose calls all ended at 0. */
  read(gauge: Gauge<'model'>): void {
    for (const [model, count] of this.#countByModel) gauge.set({ model }, count);
  }

  clear(): void {
    this.#modelById.clear();
    this.#countByModel.clear();
  }
}
