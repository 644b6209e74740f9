import { RateLimitError } from '../../errors/api-errors.js';

/** What a 429 for too many parallel requests asks the client to wait: a call in flight usually ends within it. */
const PARALLEL_RETRY_AFTER_MS = 1_000;

/** The calls each key has in flight in this process, held against its `max_parallel_requests`. */
export class ParallelRequests {
  readonly #inFlight = new Map<string, number>();

  /** Counts one more call of `token`, or throws a 429 RateLimitError when it has `max` in flight; returns the release (idempotent). */
  enter(token: string, max: number): () => void {
    const count = this.#inFlight.get(token) ?? 0;
    if (count >= max) {
      throw new RateLimitError(`This key has ${max} requests in flight, its max_parallel_requests; send this one when one of them ends`, {
        type: 'rate_limit_error',
        code: 'max_parallel_requests',
        retryAfterMs: PARALLEL_RETRY_AFTER_MS,
        retryable: false,
      });
    }
    this.#inFlight.set(token, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#inFlight.get(token) ?? 1) - 1;
      if (left <= 0) this.#inFlight.delete(token);
      else this.#inFlight.set(token, left);
    };
  }

  /** Calls of `token` in flight now. */
  count(token: string): number {
    return this.#inFlight.get(token) ?? 0;
  }
}
