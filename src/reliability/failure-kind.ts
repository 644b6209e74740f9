import {
  APIConnectionError,
  AuthenticationError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../errors/api-errors.js';
import { RouterError } from '../errors/router-error.js';
import {
  BudgetExceededError,
  CallerRateLimitError,
  NoDeploymentAvailableError,
  StateStoreUnavailableError,
  StreamInterruptedError,
} from '../errors/router-side-errors.js';

/**
 * What a failure says, which decides everything after it:
 * - `transient`: worth another try (timeouts, connection errors, 408, 409, 429, 5xx);
 * - `misconfigured`: this deployment cannot serve anyone (401, 403, 404): move on, never back off on it;
 * - `context-window`, `content-policy`: the request does not fit this group: go to its fallbacks;
 * - `rejected`: the request itself is wrong (400, 422), or its caller is over a limit or the shared state is down (`deny`): fail now, everywhere;
 * - `unavailable`: the router had nothing free or within budget (not a deployment failure): go to the fallbacks;
 * - `foreign`: not a provider failure at all (the caller aborted, or a bug): rethrow as it is.
 */
export type FailureKind = 'transient' | 'misconfigured' | 'context-window' | 'content-policy' | 'rejected' | 'unavailable' | 'foreign';

export function failureKind(error: unknown): FailureKind {
  if (!(error instanceof RouterError)) return 'foreign';
  if (error instanceof CallerRateLimitError || error instanceof StateStoreUnavailableError) return 'rejected';
  if (error instanceof NoDeploymentAvailableError || error instanceof BudgetExceededError) return 'unavailable';
  if (error instanceof ContextWindowExceededError) return 'context-window';
  if (error instanceof ContentPolicyViolationError) return 'content-policy';
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError || error instanceof NotFoundError) return 'misconfigured';
  if (error instanceof RateLimitError || error instanceof APIConnectionError || error instanceof StreamInterruptedError) return 'transient';
  return error.retryable ? 'transient' : 'rejected';
}

/** Failures that say something about the deployment's health (client-side ones never do). */
export function countsAgainstDeployment(kind: FailureKind): boolean {
  return kind === 'transient' || kind === 'misconfigured';
}
