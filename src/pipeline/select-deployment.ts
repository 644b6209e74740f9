import type { Deployment } from '../deployments/deployment.js';
import { NotFoundError } from '../errors/api-errors.js';
import { NoDeploymentAvailableError } from '../errors/router-side-errors.js';
import type { CallState } from './call-state.js';
import type { RouterRuntime } from './router-runtime.js';

export interface Selection {
  deployment: Deployment;
  /** The deployment is half-open and this attempt holds its probe slot. */
  probe: boolean;
}

function unknownModel(runtime: RouterRuntime, model: string): NotFoundError {
  const known = runtime.registry.models();
  return new NotFoundError(`No deployment serves model '${model}'. Known models: ${known.length ? known.join(', ') : '(none: add deployments)'}`);
}

/**
 * Filters a group down to what may serve this attempt, then lets the strategy choose.
 * Dropped: cooling-down deployments, those a context-window failure showed to be too
 * small, and those that failed this call (unless only transiently failed ones are left,
 * which a backed-off retry may use again). Nothing left is NoDeploymentAvailableError.
 */
export function selectDeployment(runtime: RouterRuntime, call: CallState, model: string): Selection {
  const group = runtime.registry.group(model);
  if (!group) throw unknownModel(runtime, model);

  let fresh: Deployment[] | undefined;
  let retriable: Deployment[] | undefined;
  let probes: Set<Deployment> | undefined;
  let reopensAt = Infinity;
  for (let i = 0; i < group.length; i++) {
    const deployment = group[i] as Deployment;
    const availability = runtime.health.availability(deployment);
    const failed = call.failedDeployments?.get(deployment.id);
    const tooSmall = call.minInputTokens !== undefined && deployment.maxInputTokens !== undefined && deployment.maxInputTokens < call.minInputTokens;
    const keep = availability.available && !availability.probe && !tooSmall && failed === undefined;
    if (fresh === undefined && keep) continue;
    fresh ??= group.slice(0, i);
    if (!availability.available) reopensAt = Math.min(reopensAt, availability.reopensAt);
    else if (!tooSmall) {
      if (availability.probe) (probes ??= new Set()).add(deployment);
      if (failed === undefined) fresh.push(deployment);
      else if (failed === 'transient') (retriable ??= []).push(deployment);
    }
  }

  let candidates: readonly Deployment[] = fresh ?? group;
  if (candidates.length === 0) candidates = retriable ?? [];
  const context = { model, request: call.request, random: runtime.random, now: runtime.now };
  while (candidates.length > 0) {
    const deployment = runtime.strategy.pick(candidates, context);
    if (!probes?.has(deployment)) return { deployment, probe: false };
    if (runtime.health.claimProbe(deployment)) return { deployment, probe: true };
    candidates = candidates.filter((d) => d !== deployment);
  }
  const waitMs = reopensAt === Infinity ? undefined : Math.max(0, reopensAt - runtime.now());
  throw new NoDeploymentAvailableError(
    `No deployment of model '${model}' is free${waitMs === undefined ? '' : `; the first frees up in ${waitMs} ms`}`,
    { retryAfterMs: waitMs },
  );
}
