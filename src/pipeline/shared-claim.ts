import type { Deployment } from '../deployments/deployment.js';
import { servingModel } from '../deployments/wildcard-target.js';
import type { BudgetExceededError } from '../errors/router-side-errors.js';
import { NoDeploymentAvailableError, StateStoreUnavailableError } from '../errors/router-side-errors.js';
import type { SpendTicket } from '../spend/spend-control.js';
import type { Claim, SharedState } from '../state/shared-state.js';
import type { CallState } from './call-state.js';
import type { RouterRuntime } from './router-runtime.js';
import { attemptTimeLimit } from './attempt-time-limit.js';
import { selectDeployment, type Selection } from './select-deployment.js';
import { deploymentCounterKey } from './shared-settle.js';
import { beginUsage, endUsage, type AttemptTickets, type UsageTicket } from './usage-accounting.js';

const MINUTE_MS = 60_000;
/** A hold outlives its attempt's time limit by this much before the shared state drops it (its process died mid-call). */
const HOLD_GRACE_MS = 30_000;

/** An attempt with everything it needs taken: from the shared state, or (it could not answer, `allow`) from the local counters. */
export interface ClaimedAttempt extends AttemptTickets {
  selection: Selection;
  deployment: Deployment;
}

/** The deployment's requests and tokens this minute, as claims against its rpm and tpm. */
function deploymentClaims(call: CallState, deployment: Deployment, usage: UsageTicket | undefined, now: number, claims: Claim[]): void {
  const windowStart = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const windowEnd = windowStart + MINUTE_MS;
  if (deployment.rpm !== undefined) {
    claims.push({ kind: 'counter', key: deploymentCounterKey(deployment, 'rpm'), windowStart, windowEnd, amount: 1, limit: deployment.rpm, rule: 'strict' });
  }
  if (deployment.tpm !== undefined) {
    const amount = usage?.reservedTokens ?? call.reservedTokens(deployment);
    claims.push({ kind: 'counter', key: deploymentCounterKey(deployment, 'tpm'), windowStart, windowEnd, amount, limit: deployment.tpm, rule: 'strict' });
  }
}

/** The fleet's counts of the deployment this minute, as the claim read them, replace this process's own. */
function observeDeployment(runtime: RouterRuntime, deployment: Deployment, claims: readonly Claim[], values: readonly number[], now: number): void {
  const slot = deployment.stats.slot;
  if (slot < 0) return;
  const rpmKey = deploymentCounterKey(deployment, 'rpm');
  const tpmKey = deploymentCounterKey(deployment, 'tpm');
  let requests: number | undefined;
  let tokens: number | undefined;
  claims.forEach((claim, index) => {
    const value = values[index];
    if (claim.kind !== 'counter' || value === undefined) return;
    if (claim.key === rpmKey) requests = value;
    else if (claim.key === tpmKey) tokens = value;
  });
  if (requests !== undefined || tokens !== undefined) runtime.state.stats.observeMinute(slot, now, requests, tokens);
}

/** The shared state could not answer and the store allows it: the attempt is counted locally, and the store writes the counts back once it answers again. */
function takeLocally(runtime: RouterRuntime, claims: readonly Claim[], spend: SpendTicket): void {
  for (const claim of claims) if (claim.kind === 'counter') runtime.state.counters.add(claim.key, claim.windowStart, claim.windowEnd, claim.amount);
  runtime.spending.holdLocally(spend);
}

/** Undoes what an attempt the shared state refused (or could not answer) began locally: its place in flight, its holds, its local probe mark. */
function abandon(runtime: RouterRuntime, call: CallState, selection: Selection, usage: UsageTicket | undefined, spend: SpendTicket): void {
  endUsage(runtime, usage, undefined);
  runtime.spending.end(call, spend, undefined);
  if (selection.probe) runtime.health.releaseProbe(selection.deployment);
}

/**
 * Takes what the attempt needs from the shared state in one atomic step: the call's caller
 * limits (on its first attempt), the deployment's rpm and tpm, the budget holds and the
 * probe. When another process filled the picked deployment (or holds its probe) the
 * deployment is left out and the strategy picks again; a caller over its limit fails now.
 */
export async function claimAttempt(runtime: RouterRuntime, shared: SharedState, call: CallState, model: string, picked: Selection): Promise<ClaimedAttempt> {
  let selection = picked;
  let budgetRefusal: BudgetExceededError | undefined;
  for (let round = 0; ; round++) {
    const deployment = servingModel(selection.deployment, model);
    const now = runtime.now();
    const usage = beginUsage(runtime, call, deployment);
    const spend = runtime.spending.begin(call, deployment, model);
    const limits = call.limitTicket?.claims ?? [];
    const claims: Claim[] = [...limits];
    deploymentClaims(call, deployment, usage, now, claims);
    for (const hold of spend.holds) if (hold.claim) claims.push(hold.claim);
    if (selection.probe) claims.push({ kind: 'probe', deploymentId: deployment.id });
    if (claims.length === 0) return { selection, deployment, usage, spend, hold: undefined };

    const answer = await shared.claim({ claims, now, holdMs: attemptTimeLimit(runtime, call, deployment).ms + HOLD_GRACE_MS });
    if (answer.status === 'taken') {
      if (call.limitTicket) call.limitTicket.claims = undefined;
      observeDeployment(runtime, deployment, claims, answer.values, now);
      return { selection, deployment, usage, spend, hold: { holdId: answer.holdId, claims } };
    }
    if (answer.status === 'unavailable') {
      if (shared.onUnavailable === 'deny') {
        abandon(runtime, call, selection, usage, spend);
        throw (call.verdict = new StateStoreUnavailableError(
          'The shared state store did not answer in time; the router refuses calls while it is away (onUnavailable: deny)',
        ));
      }
      takeLocally(runtime, claims, spend);
      if (call.limitTicket) call.limitTicket.claims = undefined;
      return { selection, deployment, usage, spend, hold: undefined };
    }

    const refused = claims[answer.index] as Claim;
    abandon(runtime, call, selection, usage, spend);
    if (answer.index < limits.length) throw (call.limitTicket?.refusals?.[answer.index] as () => Error)();
    if (refused.kind === 'counter') observeDeployment(runtime, deployment, claims.slice(0, answer.index + 1), answer.values, now);
    if (refused.kind === 'budget') {
      const { error, callers } = runtime.spending.refusedShared(spend, refused, answer.values[answer.index] ?? 0, answer.reservedUsd[answer.index] ?? 0);
      if (callers) throw error;
      budgetRefusal = error;
    }
    // Full this minute, over a budget of its own, or probed elsewhere: the deployment is out of this call.
    (call.overTokenLimit ??= new Set()).add(selection.deployment);
    if (round >= MAX_ROUNDS) {
      throw new NoDeploymentAvailableError(`No deployment of model '${model}' could be taken: the processes sharing its state keep filling them`);
    }
    selection = pickAgain(runtime, call, model, budgetRefusal);
  }
}

/** Picks among what is left; when nothing is, and a deployment's own budget left one out, the call fails with that budget's error. */
function pickAgain(runtime: RouterRuntime, call: CallState, model: string, budgetRefusal: BudgetExceededError | undefined): Selection {
  try {
    return selectDeployment(runtime, call, model);
  } catch (error) {
    throw budgetRefusal !== undefined && error instanceof NoDeploymentAvailableError ? budgetRefusal : error;
  }
}

/** Picks again at most this many times before giving up: each refusal leaves a deployment out or makes the local view exact. */
const MAX_ROUNDS = 16;
