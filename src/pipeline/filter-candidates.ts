import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentGroup } from '../deployments/deployment-group.js';
import { BadRequestError, ContextWindowExceededError } from '../errors/api-errors.js';
import { NoDeploymentAvailableError } from '../errors/router-side-errors.js';
import { budgetExceeded } from '../spend/spend-control.js';
import type { BudgetStanding } from '../spend/spend-ledger.js';
import type { CallState } from './call-state.js';
import type { RouterRuntime } from './router-runtime.js';

function tagsMatch(deployment: Deployment, wanted: readonly string[] | undefined, defaultOnly: boolean): boolean {
  if (wanted && wanted.length > 0) return wanted.every((tag) => deployment.tags.includes(tag));
  return !defaultOnly || deployment.tags.includes('default');
}

/**
 * The deployments that may serve this attempt, filtered in order: health (and this call's
 * failures), rpm/tpm capacity, maxConcurrency, tags, context window, budgets (the
 * attempt's estimated cost on the deployment must fit under the caller's budgets and its
 * own), priority tier. A group with nothing to filter is returned as it is, with no work
 * per deployment. Nothing left throws: BadRequestError when no deployment has the
 * request's tags, ContextWindowExceededError when the prompt fits none (before any network
 * call), BudgetExceededError when the estimate fits under the budgets on none that fits,
 * NoDeploymentAvailableError when the rest are busy, cooling down or failed. `model` is
 * the name asked for (within a wildcard group, not the group's), as budgets know it.
 */
export function filterCandidates(runtime: RouterRuntime, call: CallState, group: DeploymentGroup, model: string): readonly Deployment[] {
  const wantedTags = call.options.tags;
  const tagFilter = (wantedTags !== undefined && wantedTags.length > 0) || group.anyDefaultTag;
  const defaultOnly = group.anyDefaultTag && !(wantedTags && wantedTags.length > 0);
  const promptTokens = group.anyInputLimit || call.minInputTokens !== undefined ? call.promptTokensFor(group) : 0;
  const { full, freeAt } = runtime.capacity.fullIn(group.model, runtime.now());
  const tooBig = call.overTokenLimit;
  const healthFilter = runtime.health.mayHaveOpenCircuits || call.failedDeployments !== undefined;
  const inputFilter = promptTokens > group.smallestInputLimit;
  const budgetFilter = runtime.spending.filtersCandidates;
  if (!healthFilter && !full && !tooBig && !tagFilter && !inputFilter && !budgetFilter && !group.tiered) return group.deployments;

  const fresh: Deployment[] = [];
  let retriable: Deployment[] | undefined;
  let matchingTags = 0;
  let fitting = 0;
  let spentBudget: BudgetStanding | undefined;
  let withinBudget = 0;
  let reopensAt = freeAt;
  const callerRoom = budgetFilter ? runtime.spending.callerRoom(call) : undefined;
  for (const d of group.deployments) {
    if (tagFilter && !tagsMatch(d, wantedTags, defaultOnly)) continue;
    matchingTags++;
    if (d.maxInputTokens !== undefined && d.maxInputTokens < promptTokens) continue;
    fitting++;
    if (callerRoom) {
      const spent = runtime.spending.blocking(call, d, model, callerRoom);
      if (spent) {
        spentBudget ??= spent;
        continue;
      }
    }
    withinBudget++;
    if (full?.has(d) || tooBig?.has(d)) continue;
    const availability = runtime.health.availability(d);
    if (!availability.available) {
      reopensAt = Math.min(reopensAt, availability.reopensAt);
      continue;
    }
    const failed = call.failedDeployments?.get(d.id);
    if (failed === undefined) fresh.push(d);
    else if (failed === 'transient') (retriable ??= []).push(d);
  }

  let candidates = fresh.length > 0 ? fresh : (retriable ?? []);
  if (candidates.length === 0) {
    if (matchingTags === 0) {
      throw new BadRequestError(`No deployment of model '${group.model}' has the tags ${JSON.stringify(wantedTags ?? ['default'])}`, { param: 'tags' });
    }
    if (fitting === 0) {
      throw new ContextWindowExceededError(
        `The prompt has about ${promptTokens} tokens; no deployment of model '${group.model}' takes more than ${group.largestInputLimit}`,
      );
    }
    if (withinBudget === 0 && spentBudget) throw budgetExceeded(spentBudget);
    if (tooBig && reopensAt === Infinity) reopensAt = (Math.floor(runtime.now() / 60_000) + 1) * 60_000;
    const waitMs = reopensAt === Infinity ? undefined : Math.max(0, reopensAt - runtime.now());
    throw new NoDeploymentAvailableError(
      `No deployment of model '${group.model}' is free${waitMs === undefined ? '' : `; the first frees up in ${waitMs} ms`}`,
      { retryAfterMs: waitMs },
    );
  }
  if (group.tiered) {
    let lowest = Infinity;
    for (const d of candidates) lowest = Math.min(lowest, d.priority);
    candidates = candidates.filter((d) => d.priority === lowest);
  }
  return candidates;
}
