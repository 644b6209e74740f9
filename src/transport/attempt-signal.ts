/** Why an attempt's signal fired: the caller aborted, or the attempt ran past its time. */
export type AbortCause = 'caller' | 'timeout';

/**
 * One signal for one attempt: it fires when the caller's signal aborts or when `timeoutMs`
 * passes. `stopTimer` ends the time limit (a stream past its headers) while keeping the
 * caller's abort wired; `dispose` unhooks everything.
 */
export class AttemptSignal {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort: (() => void) | undefined;
  cause: AbortCause | undefined;

  constructor(
    timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => this.abort('timeout'), timeoutMs);
    if (callerSignal) {
      if (callerSignal.aborted) {
        this.abort('caller');
      } else {
        this.onCallerAbort = () => this.abort('caller');
        callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
      }
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller's own abort reason, to rethrow unchanged. */
  get callerReason(): unknown {
    return this.callerSignal?.reason;
  }

  private abort(cause: AbortCause): void {
    if (this.cause) return;
    this.cause = cause;
    this.stopTimer();
    this.controller.abort();
  }

  stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stopTimer();
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
