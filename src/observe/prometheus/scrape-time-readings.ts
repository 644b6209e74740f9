import type { Gauge } from 'prom-client';
import type { CircuitStatus } from '../../health/circuit.js';
import type { Router } from '../../router.js';
import type { SpendQuery } from '../../spend/spend-report.js';

const STATE_VALUE: Record<CircuitStatus, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Sets each deployment's circuit state from `router.health()`; deployments removed since the last scrape drop out. */
export function readDeploymentStates(router: Router, gauge: Gauge<'model' | 'deployment' | 'provider'>): void {
  gauge.reset();
  for (const health of router.health()) {
    gauge.set({ model: health.model, deployment: health.deploymentId, provider: health.provider }, STATE_VALUE[health.state]);
  }
}

/** Sets each watched budget's remaining USD from `router.spend()`. */
export function readBudgetsRemaining(router: Router, budgets: readonly SpendQuery[], gauge: Gauge<'scope' | 'id' | 'period'>): void {
  for (const budget of budgets) {
    const { remainingUsd } = router.spend(budget);
    if (remainingUsd !== undefined) gauge.set({ scope: budget.scope, id: budget.id ?? '', period: budget.period ?? '' }, remainingUsd);
  }
}
