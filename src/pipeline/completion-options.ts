/** Per-request options: the second argument of `router.completion`. */
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
}
