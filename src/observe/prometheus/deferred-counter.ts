import { Counter, type CounterConfiguration } from 'prom-client';

/**
 * A counter whose increments are summed here and handed to prom-client when it is
 * collected (scraped, or read with `get()`): one labelled increment per label set per
 * scrape instead of one per call, each of which prom-client validates and hashes.
 */
export class DeferredCounter {
  readonly counter: Counter;
  readonly #labelNames: readonly string[];
  readonly #pending = new Map<string, { labels: Record<string, string>; value: number }>();

  constructor(configuration: Omit<CounterConfiguration<string>, 'collect'> & { labelNames: readonly string[] }) {
    this.#labelNames = configuration.labelNames;
    const pending = this.#pending;
    this.counter = new Counter({
      ...configuration,
      collect() {
        for (const { labels, value } of pending.values()) this.inc(labels, value);
        pending.clear();
      },
    });
  }

  inc(labels: Record<string, string>, value = 1): void {
    let key = '';
    for (const name of this.#labelNames) key += `${labels[name] ?? ''}\u0000`;
    const pending = this.#pending.get(key);
    if (pending === undefined) this.#pending.set(key, { labels, value });
    else pending.value += value;
  }
}
