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
 */
export class Deadlines {
  private readonly queues = new Map<number, DeadlineQueue>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  add(timeoutMs: number, onExpire: () => void): Deadline {
    let queue = this.queues.get(timeoutMs);
    if (!queue) {
      queue = { head: undefined, tail: undefined };
      this.queues.set(timeoutMs, queue);
    }
    const deadline: Deadline = { at: performance.now() + timeoutMs, onExpire, queue, prev: queue.tail, next: undefined };
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
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.expire(), Math.max(0, Math.ceil(at - performance.now())));
    this.timer.unref();
  }

  private expire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = performance.now();
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
