import type { CallOperation } from '../../events/event-types.js';
import type { CompletionUsage } from '../../types/chat.js';
import type { Caller } from '../http/caller.js';

/** One router call the gateway made, once it has ended (a stream: after its last chunk, or when its client left). */
export interface CallOutcome {
  /** The router's request id: the answer's `x-request-id`. */
  requestId: string;
  caller: Caller;
  operation: CallOperation;
  /** The model group asked for. */
  model: string;
  deploymentId: string | undefined;
  provider: string | undefined;
  usage: CompletionUsage | undefined;
  /** Undefined when no price is known. */
  costUsd: number | undefined;
  status: 'success' | 'failure';
  /** A failed call's error class name, e.g. 'RateLimitError'. */
  errorType: string | undefined;
  error: unknown;
  cacheHit: boolean;
  stream: boolean;
  /** False for a stream its client left before the end. */
  completed: boolean;
  /** The body's `user` (OpenAI's end-user id). */
  endUser: string | undefined;
  tags: readonly string[] | undefined;
  metadata: Readonly<Record<string, unknown>>;
  /** Epoch ms. */
  startTime: number;
  endTime: number;
  latencyMs: number;
}

/** Where outcomes go (spend logs): called once per call, synchronously; a throw becomes a router `warning`, never a failed call. */
export interface CallOutcomeSink {
  record(outcome: CallOutcome): void;
}
