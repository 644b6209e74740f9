import { closestName } from '../config/closest-name.js';
import { shortened } from '../config/describe-value.js';
import type { Deployment } from '../deployments/deployment.js';
import { NotFoundError } from '../errors/api-errors.js';
import { NoDeploymentAvailableError } from '../errors/router-side-errors.js';
import type { CallState } from './call-state.js';
import { filterCandidates } from './filter-candidates.js';
import type { RouterRuntime } from './router-runtime.js';

export interface Selection {
  deployment: Deployment;
  /** The deployment is half-open and this attempt holds its probe slot. */
  probe: boolean;
}

function unknownModel(runtime: RouterRuntime, model: string): NotFoundError {
  const known = runtime.registry.models();
  const suggestion = closestName(model, known);
  const meant = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
  const listed = known.length ? known.join(', ') : '(none: add deployments)';
  return new NotFoundError(`No deployment serves model '${shortened(model)}'.${meant} Known models: ${listed}`, { param: 'model', code: 'model_not_found' });
}

/** The session's deployment, if the session has one and it is among the candidates. */
function pinned(runtime: RouterRuntime, call: CallState, candidates: readonly Deployment[], all: readonly Deployment[]): Deployment | undefined {
  const sessionId = call.options.sessionId;
  if (sessionId === undefined) return undefined;
  const id = runtime.affinity.get(sessionId);
  const deployment = id === undefined ? undefined : runtime.registry.get(id);
  if (!deployment) return undefined;
  if (candidates === all) return all.includes(deployment) ? deployment : undefined;
  return candidates.includes(deployment) ? deployment : undefined;
}

/**
 * Filters the group, keeps a session on its deployment while that one is a candidate,
 * else lets the strategy choose. A half-open deployment is chosen only with its probe
 * slot; when another request holds it, the strategy chooses again without it.
 */
/** Whether this request's tokens would push a tpm-limited deployment over its minute. */
function overTokens(runtime: RouterRuntime, call: CallState, deployment: Deployment): boolean {
  if (deployment.tpm === undefined) return false;
  const { stats } = runtime.state;
  const slot = deployment.stats.slot;
  stats.currentMinute(slot, runtime.now());
  return (stats.tokensThisMinute[slot] as number) + call.reservedTokens(deployment) > deployment.tpm;
}

export function selectDeployment(runtime: RouterRuntime, call: CallState, model: string): Selection {
  const group = runtime.registry.group(model);
  if (!group) throw unknownModel(runtime, model);
  const strategy = runtime.strategyFor(group.model);
  const context = call.pickContext(runtime, model);
  let candidates: readonly Deployment[];
  let deployment: Deployment;
  for (;;) {
    candidates = filterCandidates(runtime, call, group, model);
    deployment = pinned(runtime, call, candidates, group.deployments) ?? strategy.pick(candidates, context);
    if (!overTokens(runtime, call, deployment)) break;
    (call.overTokenLimit ??= new Set()).add(deployment);
  }
  if (!runtime.health.mayHaveOpenCircuits) return { deployment, probe: false };
  for (;;) {
    const availability = runtime.health.availability(deployment);
    if (!availability.available || !availability.probe) return { deployment, probe: false };
    if (runtime.health.claimProbe(deployment)) return { deployment, probe: true };
    candidates = candidates.filter((d) => d !== deployment);
    if (candidates.length === 0) {
      throw new NoDeploymentAvailableError(`No deployment of model '${model}' is free: another request is probing the last one`);
    }
    deployment = strategy.pick(candidates, context);
  }
}
