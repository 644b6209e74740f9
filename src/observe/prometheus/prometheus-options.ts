import type { Registry } from 'prom-client';
import type { SpendQuery } from '../../spend/spend-report.js';

/** Who is asking, as a label: each one can add a series per user (team, key), so none is on by default. */
export type PrometheusCallerLabel = 'user' | 'team' | 'apiKeyId';

export interface PrometheusOptions {
  /** Where the metrics are registered. Default: a new `Registry`. */
  registry?: Registry;
  /** Caller labels to add to the per-call metrics: `['user']`. Default: none. */
  labels?: readonly PrometheusCallerLabel[];
  /** Put before every metric name. Default `switchyard_`. */
  prefix?: string;
  /**
   * Budgets whose remaining USD `budget_remaining_usd` reports when scraped, as
   * `router.spend` takes them: `[{ scope: 'team', id: 'search' }, { scope: 'global' }]`.
   * The router does not list its budgets, so name the ones to watch.
   */
  budgets?: readonly SpendQuery[];
}

export interface PrometheusInstrumentation<R extends Registry = Registry> {
  registry: R;
  /** Stops listening to the router and takes the metrics out of the registry. */
  stop(): void;
}
