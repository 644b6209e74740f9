import { Registry } from 'prom-client';
import { ConfigError } from '../../errors/router-side-errors.js';
import type { RouterEventListener, RouterEventName } from '../../events/event-types.js';
import type { Router } from '../../router.js';
import type { SpendQuery } from '../../spend/spend-report.js';
import { CallLabelSets } from './call-label-sets.js';
import { callerLabels, type CallerLabels } from './caller-labels.js';
import { InFlightCalls } from './in-flight-calls.js';
import { metricListeners } from './metric-listeners.js';
import type { PrometheusInstrumentation, PrometheusOptions } from './prometheus-options.js';
import { readBudgetsRemaining, readDeploymentStates } from './scrape-time-readings.js';
import { metricNames, registerMetrics } from './switchyard-metrics.js';

const CALLER_LABELS = ['user', 'team', 'apiKeyId'];

/**
 * Prometheus metrics of the router's calls, from its events; deployment states and budgets
 * are read when the registry is scraped.
 */
export function instrumentPrometheus<R extends Registry = Registry>(
  router: Router,
  options: PrometheusOptions & { registry?: R } = {},
): PrometheusInstrumentation<R> {
  const registry = options.registry ?? (new Registry() as R);
  const prefix = options.prefix ?? 'switchyard_';
  const caller = checkedCallerLabels(options.labels ?? []);
  const budgets = checkedBudgets(router, options.budgets ?? []);
  const names = metricNames(registry, prefix);
  const inFlight = new InFlightCalls();
  const metrics = registerMetrics(registry, prefix, caller.names, {
    deploymentStates: (gauge) => readDeploymentStates(router, gauge),
    budgetsRemaining: (gauge) => readBudgetsRemaining(router, budgets, gauge),
    inFlight: (gauge) => inFlight.read(gauge),
  });
  const listeners = metricListeners(metrics, new CallLabelSets(caller), inFlight);
  const events = Object.keys(listeners) as RouterEventName[];
  for (const event of events) router.on(event, listeners[event] as RouterEventListener<typeof event>);
  let stopped = false;
  return {
    registry,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const event of events) router.off(event, listeners[event] as RouterEventListener<typeof event>);
      for (const name of names) registry.removeSingleMetric(name);
      inFlight.clear();
    },
  };
}

function checkedCallerLabels(labels: readonly string[]): CallerLabels {
  const unknown = labels.filter((label) => !CALLER_LABELS.includes(label));
  if (unknown.length > 0) {
    throw new ConfigError([
      { path: 'labels', message: `unknown label ${unknown.map((l) => `'${l}'`).join(', ')}; expected some of 'user', 'team', 'apiKeyId'` },
    ]);
  }
  return callerLabels(labels as Parameters<typeof callerLabels>[0]);
}

/** Asks the router about each budget now, so a wrong scope, id or period fails here rather than at every scrape. */
function checkedBudgets(router: Router, budgets: readonly SpendQuery[]): readonly SpendQuery[] {
  budgets.forEach((budget, index) => {
    if (router.spend(budget).limitUsd === undefined) {
      const who = budget.id === undefined ? budget.scope : `${budget.scope} '${budget.id}'`;
      throw new ConfigError([{ path: `budgets[${index}]`, message: `no budget of the router applies to ${who}` }]);
    }
  });
  return budgets.map((budget) => ({ ...budget }));
}
