/**
 * The router's one source of time. Timestamps, time limits, deadlines and waits all read
 * it, so a fake clock drives every one of them and a test never waits for real.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once `ms` milliseconds have passed on this clock; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Wall-clock time and Node's timers. */
export const systemClock: Clock = Object.freeze({
  now: Date.now,
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
});

/** Lets the process exit while `handle` is pending, when the clock's timers support it (Node's do; a fake clock's need not). */
export function unrefTimer(handle: unknown): void {
  (handle as { unref?: () => void } | null)?.unref?.();
}

/** A clock with `now` of your own and the system's timers: what the router's `now` option means. */
export function clockWithNow(now: () => number): Clock {
  return { now, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
}
