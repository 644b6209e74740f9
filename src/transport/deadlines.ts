import { unrefTimer, type Clock } from '../time/clock.js';

/** Which time limit is running, named in the TimeoutError it causes. */
export interface TimeLimit {
  ms: number;
  /** e.g. `timeoutMs`, `streamIdleTimeoutMs`, `deadlineMs`. */
  name: string;
}

/** A pending deadline; hand it back to `cancel` when the work finished in time. */
export interface Deadline {
  readonly at: number;
  readonly onExpire: () => void;
  queue: DeadlineQueue | undefined;
  prev: Deadline | undefined;
  next: Deadline | undefined;
}

/** Deadlines of one duration: added in time order, so a linked list is already sorted. */
interface DeadlineQueue {
  head: Deadline | undefined;
  tail: Deadline | undefined;
}

/**
 * Every attempt's time limit on one timer per router. A Node timer per call costs more
 * than the rest of the router's work put together (arming and disarming libuv's timer
 * whenever the process goes idle), so deadlines wait in one sorted list per duration and
 * a single unref'd timer wakes for the earliest. Cancelling is an O(1) unlink that never
 * touches the timer; an early wake-up for a cancelled deadline just re-arms.
 *
 * Time is the router's clock. A timer that fires means its time has come even when the
 * clock's `now` says otherwise (a frozen `now` with real timers, or a timer a millisecond
 * ahead of `Date.now`), so a deadline always expires.
 */
export class Deadlines {
  private readonly queues = new Map<number, DeadlineQueue>();
  private timer: unknown = undefined;
  private armedFor = Infinity;

  constructor(private readonly clock: Clock) {}

  /** The nearer of a limit and an absolute deadline (a clock time), named after whichever is nearer. */
  within(limit: TimeLimit, deadlineAt: number | undefined): TimeLimit {
    if (deadlineAt === undefined) return limit;
    const remaining = deadlineAt - this.clock.now();
    return remaining < limit.ms ? { ms: Math.max(1, Math.floor(remaining)), name: 'deadlineMs' } : limit;
  }

  add(timeoutMs: number, onExpire: () => void): Deadline {
    let queue = this.queues.get(timeoutMs);
    if (!queue) {
      queue = { head: undefined, tail: undefined };
      this.queues.set(timeoutMs, queue);
    }
    const deadline: Deadline = { at: this.clock.now() + timeoutMs, onExpire, queue, prev: queue.tail, next: undefined };
    if (queue.tail) queue.tail.next = deadline;
    else queue.head = deadline;
    queue.tail = deadline;
    if (deadline.at < this.armedFor) this.arm(deadline.at);
    return deadline;
  }

  cancel(deadline: Deadline): void {
    const { queue } = deadline;
    if (!queue) return;
    if (deadline.prev) deadline.prev.next = deadline.next;
    else queue.head = deadline.next;
    if (deadline.next) deadline.next.prev = deadline.prev;
    else queue.tail = deadline.prev;
    deadline.queue = deadline.prev = deadline.next = undefined;
  }

  private arm(at: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = this.clock.setTimeout(() => this.expire(), Math.max(0, Math.ceil(at - this.clock.now())));
    unrefTimer(this.timer);
  }

  private expire(): void {
    const now = Math.max(this.clock.now(), this.armedFor);
    this.timer = undefined;
    this.armedFor = Infinity;
    const expired: Deadline[] = [];
    let earliest = Infinity;
    for (const queue of this.queues.values()) {
      while (queue.head && queue.head.at <= now) {
        expired.push(queue.head);
        this.cancel(queue.head);
      }
      if (queue.head && queue.head.at < earliest) earliest = queue.head.at;
    }
    if (earliest < Infinity) this.arm(earliest);
    for (const deadline of expired) deadline.onExpire();
  }
}
