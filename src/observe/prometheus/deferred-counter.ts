import { Counter, type CounterConfiguration } from 'prom-client';

/**
 * A counter whose increments are summed here and handed to prom-client when it is
 * collected (scraped, or read with `get()`): one labelled increment per label set per
 * scrape instead of one per call, each of which prom-client validates and hashes. Sums are
 * kept by label object, so callers pass the same object for the same labels.
 */
export class DeferredCounter {
  readonly counter: Counter;
  readonly #pending = new Map<Readonly<Record<string, string>>, number>();

  constructor(configuration: Omit<CounterConfiguration<string>, 'collect'>) {
    const pending = this.#pending;
    this.counter = new Counter({
      ...configuration,
      collect() {
        for (const [labels, value] of pending) this.inc(labels, value);
        pending.clear();
      },
    });
  }

  inc(labels: Readonly<Record<string, string>>, value = 1): void {
    this.#pending.set(labels, (this.#pending.get(labels) ?? 0) + value);
  }
}
