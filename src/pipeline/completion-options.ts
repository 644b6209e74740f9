import type { RequestCacheOptions } from '../cache/cache-options.js';
import type { RetryOptions } from '../reliability/retry-policy.js';

/** Per-request options: the second argument of `router.completion`. Each has its check in validate-options.ts, which the compiler insists on. */
export interface CompletionOptions {
  /** Aborts the call; a stream stops and releases its connection. */
  signal?: AbortSignal;
  /** Time limit of one attempt, in milliseconds; beats the deployment's and the router's. */
  timeoutMs?: number;
  /** Who is asking, carried into every event. */
  user?: string;
  team?: string;
  apiKeyId?: string;
  tags?: string[];
  sessionId?: string;
  /** Anything to carry into the events of this call. */
  metadata?: Record<string, unknown>;
  /** Bounds the whole call, retries and fallbacks included (streams: to their last chunk). */
  deadlineMs?: number;
  /** Overrides the router's retry settings for this call. */
  retries?: RetryOptions | number;
  /** Fallback models for this call, replacing the router's list for the requested model. */
  fallbacks?: string[];
  /** No fallbacks for this call. */
  noFallbacks?: boolean;
  /** How long to wait for a deployment to free up when none is (within the deadline). Default: the router's. */
  maxWaitMs?: number;
  /** Longest gap between two stream chunks. Default: the router's. */
  streamIdleTimeoutMs?: number;
  /** After content was sent, continue a broken stream on another deployment instead of throwing. Default: the router's. */
  midStreamFallback?: boolean;
  /** This call and the response cache: `{ noCache, noStore, ttlMs, namespace }`. */
  cache?: RequestCacheOptions;
}
