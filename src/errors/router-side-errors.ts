import type { CompletionUsage } from '../types/chat.js';
import { BadRequestError, RateLimitError, type RateLimitErrorOptions } from './api-errors.js';
import { RouterError, type RouterErrorOptions } from './router-error.js';

/** The router itself has nothing free for this model: every deployment is cooling down or at its limits. */
export class NoDeploymentAvailableError extends RateLimitError {
  static override readonly kind: string = 'NoDeploymentAvailableError';
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, { retryable: false, ...options });
  }
}

export interface BudgetExceededErrorOptions extends RouterErrorOptions {
  scope: string;
  scopeId?: string;
  spentUsd: number;
  limitUsd: number;
  resetsAt?: Date;
}

/** A budget is spent: the call was refused before any provider was called. */
export class BudgetExceededError extends BadRequestError {
  static override readonly kind: string = 'BudgetExceededError';
  readonly scope: string;
  readonly scopeId: string | undefined;
  readonly spentUsd: number;
  readonly limitUsd: number;
  readonly resetsAt: Date | undefined;
  constructor(message: string, options: BudgetExceededErrorOptions) {
    super(message, options);
    this.scope = options.scope;
    this.scopeId = options.scopeId;
    this.spentUsd = options.spentUsd;
    this.limitUsd = options.limitUsd;
    this.resetsAt = options.resetsAt;
  }
}

export interface CallerRateLimitErrorOptions extends RateLimitErrorOptions {
  scope: string;
  scopeId?: string;
  /** Which of the limit's counts is used up. */
  limitName: 'rpm' | 'tpm';
  limit: number;
}

/** The caller is over one of the router's `limits`: refused before any provider was called; never held against a deployment. */
export class CallerRateLimitError extends RateLimitError {
  static override readonly kind: string = 'CallerRateLimitError';
  readonly scope: string;
  readonly scopeId: string | undefined;
  readonly limitName: 'rpm' | 'tpm';
  readonly limit: number;
  constructor(message: string, options: CallerRateLimitErrorOptions) {
    super(message, options);
    this.scope = options.scope;
    this.scopeId = options.scopeId;
    this.limitName = options.limitName;
    this.limit = options.limit;
  }
}

export interface StreamInterruptedErrorOptions extends RouterErrorOptions {
  partialText: string;
  usage?: CompletionUsage;
}

/** A stream broke after content had reached the caller; what arrived is attached. */
export class StreamInterruptedError extends RouterError {
  static override readonly kind: string = 'StreamInterruptedError';
  readonly partialText: string;
  readonly usage: CompletionUsage | undefined;
  constructor(message: string, options: StreamInterruptedErrorOptions) {
    super(message, { retryable: true, ...options });
    this.partialText = options.partialText;
    this.usage = options.usage;
  }
}

export interface ConfigIssue {
  /** Where the problem is, e.g. `deployments[1].rpm`. */
  path: string;
  /** What is wrong and what is expected. */
  message: string;
}

/** The router's configuration is wrong. `issues` names every bad field. */
export class ConfigError extends RouterError {
  static override readonly kind: string = 'ConfigError';
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    super(lines.length === 1 ? `Invalid router config: ${lines[0]}` : `Invalid router config:\n  - ${lines.join('\n  - ')}`);
    this.issues = issues;
  }
}

/** The shared state store (Redis) did not answer in time and the store was made with `onUnavailable: 'deny'`: no provider was called. */
export class StateStoreUnavailableError extends RouterError {
  static override readonly kind: string = 'StateStoreUnavailableError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 503, retryable: false, code: 'state_store_unavailable', ...options });
  }
}
