import { EventEmitter } from 'eventemitter3';
import type { Deadline, Deadlines } from './deadlines.js';

/** Why an attempt was aborted: the caller aborted, or the attempt ran past its time. */
export type AbortCause = 'caller' | 'timeout';

/**
 * The abort switch of one attempt: it trips when the caller's signal aborts or when
 * `timeoutMs` passes. undici takes it as its `signal` (an emitter with `aborted`, `reason`
 * and an `abort` event), which costs far less per call than an AbortController; a real
 * AbortSignal is made only for adapters that ask for one. `stopTimer` ends the time limit
 * (a stream past its headers) and keeps the caller's abort wired; `dispose` unhooks all.
 */
export class AttemptSignal extends EventEmitter<{ abort: [] }> {
  aborted = false;
  reason: unknown = undefined;
  cause: AbortCause | undefined;
  private deadline: Deadline | undefined;
  private readonly onCallerAbort: (() => void) | undefined;
  private controller: AbortController | undefined;

  constructor(
    timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly deadlines: Deadlines,
  ) {
    super();
    this.deadline = deadlines.add(timeoutMs, () => this.abort('timeout'));
    if (callerSignal) {
      if (callerSignal.aborted) {
        this.abort('caller');
      } else {
        this.onCallerAbort = () => this.abort('caller');
        callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
      }
    }
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

  private abort(cause: AbortCause): void {
    if (this.cause) return;
    this.cause = cause;
    this.aborted = true;
    this.reason = cause === 'caller' ? this.callerReason : new Error('attempt timed out');
    this.stopTimer();
    this.controller?.abort(this.reason);
    this.emit('abort');
  }

  stopTimer(): void {
    if (this.deadline) this.deadlines.cancel(this.deadline);
    this.deadline = undefined;
  }

  dispose(): void {
    this.stopTimer();
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.removeAllListeners();
  }
}
