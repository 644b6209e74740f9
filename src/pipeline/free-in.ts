import { NoDeploymentAvailableError } from '../errors/router-side-errors.js';
import { fallbackGroups } from '../reliability/fallback-routes.js';
import type { CallState } from './call-state.js';
import { filterCandidates } from './filter-candidates.js';
import type { RouterRuntime } from './router-runtime.js';

/** Whether some deployment of the group could take a prompt of this size (unknown limits count as yes). */
export function fits(runtime: RouterRuntime, model: string, tokens: number): boolean {
  return (runtime.registry.group(model)?.largestInputLimit ?? 0) >= tokens;
}

/**
 * Milliseconds until a deployment of the group can take this call's next attempt, by the
 * filters: 0 when one can now; Infinity when none will (tags, context window, budgets, or
 * every one failed this call for good); undefined when only calls in flight hold them, as
 * no one can tell when those end.
 */
export function freeInMs(runtime: RouterRuntime, call: CallState, model: string): number | undefined {
  const group = runtime.registry.group(model);
  if (!group) return Infinity;
  try {
    filterCandidates(runtime, call, group, model);
    return 0;
  } catch (error) {
    return error instanceof NoDeploymentAvailableError ? error.retryAfterMs : Infinity;
  }
}

/**
 * The fallback groups the call may still go to: those of the group it started from and,
 * recursively, of every group on the way, not yet tried, as many as it may still try.
 */
export function fallbacksAhead(runtime: RouterRuntime, call: CallState): string[] {
  const progress = call.fallbacks;
  if (!progress || progress.left <= 0) return [];
  const ahead: string[] = [];
  const expanded = new Set<string>();
  const visit = (group: string, explicit: readonly string[] | undefined): void => {
    if (expanded.has(group)) return;
    expanded.add(group);
    for (const target of explicit ?? fallbackGroups(group, 'transient', runtime.routes)) {
      if (ahead.length >= progress.left) return;
      if (!progress.visited.has(target)) {
        if (ahead.includes(target) || (call.minInputTokens !== undefined && !fits(runtime, target, call.minInputTokens))) continue;
        ahead.push(target);
      }
      visit(target, undefined);
    }
  };
  visit(progress.first, call.options.fallbacks);
  return ahead;
}
