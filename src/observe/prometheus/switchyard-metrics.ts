import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { ConfigError } from '../../errors/router-side-errors.js';
import { DeferredCounter } from './deferred-counter.js';
import { DURATION_BUCKETS, TIME_TO_FIRST_TOKEN_BUCKETS } from './metric-buckets.js';

/** Metric names after the prefix. */
export const METRIC_NAMES = {
  requests: 'requests_total',
  duration: 'request_duration_seconds',
  timeToFirstToken: 'time_to_first_token_seconds',
  tokens: 'tokens_total',
  spend: 'spend_usd_total',
  retries: 'retries_total',
  fallbacks: 'fallbacks_total',
  cooldowns: 'cooldowns_total',
  deploymentState: 'deployment_state',
  inFlight: 'in_flight',
  budgetRemaining: 'budget_remaining_usd',
  cacheHits: 'cache_hits_total',
} as const;

type DeploymentLabel = 'model' | 'deployment' | 'provider';

export interface SwitchyardMetrics {
  requests: DeferredCounter;
  duration: Histogram;
  timeToFirstToken: Histogram;
  tokens: DeferredCounter;
  spend: DeferredCounter;
  retries: Counter<'model' | 'deployment' | 'error'>;
  fallbacks: Counter<'from' | 'to'>;
  cooldowns: Counter<DeploymentLabel | 'reason'>;
  deploymentState: Gauge<DeploymentLabel>;
  inFlight: Gauge<'model'>;
  budgetRemaining: Gauge<'scope' | 'id' | 'period'>;
  cacheHits: DeferredCounter;
}

/** What the scrape-time gauges read when the registry is collected. */
export interface ScrapeReadings {
  deploymentStates(gauge: Gauge<DeploymentLabel>): void;
  budgetsRemaining(gauge: Gauge<'scope' | 'id' | 'period'>): void;
  inFlight(gauge: Gauge<'model'>): void;
}

/** The full names of the metrics, checked free in the registry before any is made, so a clash registers nothing. */
export function metricNames(registry: Registry, prefix: string): string[] {
  const names = Object.values(METRIC_NAMES).map((name) => prefix + name);
  const taken = names.filter((name) => registry.getSingleMetric(name) !== undefined);
  if (taken.length > 0) {
    throw new ConfigError([
      { path: 'prefix', message: `the registry already has ${taken.join(', ')}; pass another registry or prefix, or stop the other instrumentation first` },
    ]);
  }
  return names;
}

/** Makes the metrics in `registry`; `callerLabels` go on the per-call ones. */
export function registerMetrics(registry: Registry, prefix: string, callerLabels: readonly string[], readings: ScrapeReadings): SwitchyardMetrics {
  const registers = [registry];
  const call = ['model', 'deployment', 'provider', ...callerLabels];
  return {
    requests: new DeferredCounter({
      name: prefix + METRIC_NAMES.requests,
      help: 'Calls that ended, by outcome (success or failure) and error class.',
      labelNames: [...call, 'outcome', 'error'],
      registers,
    }),
    duration: new Histogram({
      name: prefix + METRIC_NAMES.duration,
      help: 'From the call to its full answer (streams: to the last chunk) or its failure, in seconds.',
      labelNames: [...call, 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    timeToFirstToken: new Histogram({
      name: prefix + METRIC_NAMES.timeToFirstToken,
      help: 'Streams: from the call to the first content chunk, in seconds.',
      labelNames: call,
      buckets: TIME_TO_FIRST_TOKEN_BUCKETS,
      registers,
    }),
    tokens: new DeferredCounter({
      name: prefix + METRIC_NAMES.tokens,
      help: 'Tokens providers reported, by type: input, output, cached (part of input), reasoning (part of output).',
      labelNames: [...call, 'type'],
      registers,
    }),
    spend: new DeferredCounter({ name: prefix + METRIC_NAMES.spend, help: 'What calls cost, in USD.', labelNames: call, registers }),
    retries: new Counter({
      name: prefix + METRIC_NAMES.retries,
      help: 'Attempts that failed and were tried again within the model group, by the deployment that failed.',
      labelNames: ['model', 'deployment', 'error'],
      registers,
    }),
    fallbacks: new Counter({
      name: prefix + METRIC_NAMES.fallbacks,
      help: 'Calls that moved on from one model group to a fallback.',
      labelNames: ['from', 'to'],
      registers,
    }),
    cooldowns: new Counter({
      name: prefix + METRIC_NAMES.cooldowns,
      help: 'Deployments taken out of rotation, by the error class that caused it.',
      labelNames: ['model', 'deployment', 'provider', 'reason'],
      registers,
    }),
    deploymentState: new Gauge({
      name: prefix + METRIC_NAMES.deploymentState,
      help: "Each deployment's circuit when scraped: 0 closed, 1 half-open, 2 open.",
      labelNames: ['model', 'deployment', 'provider'],
      registers,
      collect() {
        readings.deploymentStates(this);
      },
    }),
    inFlight: new Gauge({
      name: prefix + METRIC_NAMES.inFlight,
      help: 'Calls begun and not yet ended, by requested model.',
      labelNames: ['model'],
      registers,
      collect() {
        readings.inFlight(this);
      },
    }),
    budgetRemaining: new Gauge({
      name: prefix + METRIC_NAMES.budgetRemaining,
      help: 'What the watched budgets have left in their current period, in USD, when scraped.',
      labelNames: ['scope', 'id', 'period'],
      registers,
      collect() {
        readings.budgetsRemaining(this);
      },
    }),
    cacheHits: new DeferredCounter({
      name: prefix + METRIC_NAMES.cacheHits,
      help: 'Calls answered from the response cache.',
      labelNames: ['model', ...callerLabels],
      registers,
    }),
  };
}
