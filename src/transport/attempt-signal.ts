import type { Deadline, Deadlines, TimeLimit } from './deadlines.js';

/** Why an attempt was aborted: the caller aborted, or a time limit passed. */
export type AbortCause = 'caller' | 'timeout';

type AbortListener = () => void;

/**
 * The abort switch of one attempt: it trips when the caller's signal aborts or when the
 * running time limit passes. undici takes it as its `signal`: anything with `aborted`,
 * `reason` and `on`/`once`/`removeListener` for `abort`. That shape, kept to the one or
 * two listeners undici adds, costs far less per call than an AbortController or a general
 * event emitter; a real AbortSignal is made only for adapters that ask for one.
 */
export class AttemptSignal {
  aborted = false;
  reason: unknown = undefined;
  cause: AbortCause | undefined;
  /** The time limit that expired, when `cause` is `timeout`. */
  expiredLimit: TimeLimit | undefined;
  private deadline: Deadline | undefined;
  private readonly onCallerAbort: (() => void) | undefined;
  private controller: AbortController | undefined;
  private listeners: AbortListener[] | undefined;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly deadlines: Deadlines,
  ) {
    if (callerSignal) {
      if (callerSignal.aborted) {
        this.abort('caller');
      } else {
        this.onCallerAbort = () => this.abort('caller');
        callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
      }
    }
  }

  on(_event: 'abort', listener: AbortListener): this {
    (this.listeners ??= []).push(listener);
    return this;
  }

  /** `abort` fires at most once, so every listener is a once-listener. */
  once(event: 'abort', listener: AbortListener): this {
    return this.on(event, listener);
  }

  removeListener(_event: 'abort', listener: AbortListener): this {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners?.splice(at, 1);
    return this;
  }

  /** A standard AbortSignal following this attempt, for adapters that answer in-process. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** The caller's own abort reason, to rethrow unchanged. */
  get callerReason(): unknown {
    return this.callerSignal?.reason;
  }

  /** Runs `limit` from now, replacing any limit already running. */
  startTimer(limit: TimeLimit): void {
    this.stopTimer();
    if (this.aborted) return;
    this.deadline = this.deadlines.add(limit.ms, () => {
      this.expiredLimit = limit;
      this.abort('timeout');
    });
  }

  stopTimer(): void {
    if (this.deadline) this.deadlines.cancel(this.deadline);
    this.deadline = undefined;
  }

  private abort(cause: AbortCause): void {
    if (this.cause) return;
    this.cause = cause;
    this.aborted = true;
    this.reason = cause === 'caller' ? this.callerReason : new Error('time limit passed');
    this.stopTimer();
    this.controller?.abort(this.reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  dispose(): void {
    this.stopTimer();
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.listeners = undefined;
  }
}
