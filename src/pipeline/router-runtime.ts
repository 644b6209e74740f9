import type { DeploymentRegistry } from '../deployments/deployment-registry.js';
import type { RouterEventBus } from '../events/router-event-bus.js';
import type { HealthMonitor } from '../health/health-monitor.js';
import type { FallbackRoutes } from '../reliability/fallback-routes.js';
import type { RetryPolicy } from '../reliability/retry-policy.js';
import type { StateStore } from '../state/state-store.js';
import type { SpendControl } from '../spend/spend-control.js';
import type { RoutingStrategy, StrategyOptions } from '../strategies/routing-strategy.js';
import type { Deadlines, TimeLimit } from '../transport/deadlines.js';
import type { Clock } from '../time/clock.js';
import type { HttpTransport } from '../transport/http-transport.js';
import type { CapacityTracker } from './capacity-tracker.js';
import type { StatsTracking } from './usage-accounting.js';
import type { SessionAffinity } from './session-affinity.js';

/** What the request pipeline needs of its router: shared by every call, owned by one router. */
export interface RouterRuntime {
  registry: DeploymentRegistry;
  capacity: CapacityTracker;
  tracking: StatsTracking;
  strategyFor: (model: string) => RoutingStrategy;
  strategyOptions: StrategyOptions;
  state: StateStore;
  /** sessionId → the deployment that served it last. */
  affinity: SessionAffinity;
  health: HealthMonitor;
  spending: SpendControl;
  events: RouterEventBus;
  transport: HttpTransport;
  deadlines: Deadlines;
  random: () => number;
  clock: Clock;
  /** The clock's `now`, bound once. */
  now: () => number;
  retries: RetryPolicy;
  routes: FallbackRoutes;
  /** The router's `timeoutMs` and `streamIdleTimeoutMs` as time limits, made once. */
  attemptLimit: TimeLimit;
  idleLimit: TimeLimit;
  maxWaitMs: number;
  midStreamFallback: boolean;
}
