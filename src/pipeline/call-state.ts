import type { Deployment } from '../deployments/deployment.js';
import type { AttemptRecord } from '../errors/router-error.js';
import type { RequestLabels } from '../events/event-types.js';
import type { FailureKind } from '../reliability/failure-kind.js';
import { retryPolicy, type RetryPolicy } from '../reliability/retry-policy.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import type { CompletionOptions } from './completion-options.js';
import type { RouterRuntime } from './router-runtime.js';

/** Everything one `completion` call learns while it runs: attempts, failures, its deadline. */
export class CallState {
  readonly startedAt = performance.now();
  readonly deadlineAt: number | undefined;
  readonly retries: RetryPolicy;
  /** Provider attempts made so far. */
  attempts = 0;
  readonly failedAttempts: AttemptRecord[] = [];
  /** How each deployment failed this call: retries avoid them. Made on the first failure. */
  failedDeployments: Map<string, FailureKind> | undefined = undefined;
  lastAttemptError: unknown = undefined;
  /** The deployment of the latest attempt. */
  deployment: Deployment | undefined = undefined;
  /** Set once a context-window failure says how large the prompt is: smaller deployments are skipped. */
  minInputTokens: number | undefined = undefined;

  constructor(
    readonly requestId: string,
    readonly request: ChatCompletionRequest,
    readonly options: CompletionOptions,
    runtime: RouterRuntime,
  ) {
    this.deadlineAt = options.deadlineMs === undefined ? undefined : this.startedAt + options.deadlineMs;
    this.retries = options.retries === undefined ? runtime.retries : retryPolicy(options.retries, runtime.retries);
  }

  get stream(): boolean {
    return this.request?.stream === true;
  }

  /** Milliseconds left before the deadline; Infinity without one. */
  remainingMs(): number {
    return this.deadlineAt === undefined ? Infinity : this.deadlineAt - performance.now();
  }

  failed(deploymentId: string, kind: FailureKind): void {
    (this.failedDeployments ??= new Map()).set(deploymentId, kind);
  }

  labels(): RequestLabels {
    const { options } = this;
    return {
      user: options.user,
      team: options.team,
      apiKeyId: options.apiKeyId,
      tags: options.tags,
      sessionId: options.sessionId,
      metadata: options.metadata,
    };
  }
}
