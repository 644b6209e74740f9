import type { Deployment } from '../deployments/deployment.js';
import type { TimeLimit } from '../transport/deadlines.js';
import type { CallState } from './call-state.js';
import type { RouterRuntime } from './router-runtime.js';

/** How long an attempt on `deployment` may take: the call's `timeoutMs`, else the deployment's, else the router's; capped by the call's deadline. */
export function attemptTimeLimit(runtime: RouterRuntime, call: CallState, deployment: Deployment): TimeLimit {
  const timeoutMs = call.options.timeoutMs ?? deployment.timeoutMs;
  return runtime.deadlines.within(timeoutMs === undefined ? runtime.attemptLimit : { ms: timeoutMs, name: 'timeoutMs' }, call.deadlineAt);
}
