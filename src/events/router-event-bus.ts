import { EventEmitter } from 'eventemitter3';
import type { RouterCallbacks, RouterEventListener, RouterEventMap, RouterEventName } from './event-types.js';

type AnyListener = (event: never) => unknown;
type GuardedListener = (event: unknown) => void;

export const CALLBACK_EVENTS: ReadonlyArray<[keyof RouterCallbacks, RouterEventName]> = [
  ['onRequest', 'request'],
  ['onSuccess', 'success'],
  ['onFailure', 'failure'],
  ['onWarning', 'warning'],
  ['onRetry', 'retry'],
  ['onFallback', 'fallback'],
  ['onCooldown', 'cooldown'],
  ['onRecovered', 'recovered'],
  ['onBudgetWarning', 'budget-warning'],
  ['onBudgetExceeded', 'budget-exceeded'],
  ['onState', 'state'],
  ['onCacheHit', 'cache-hit'],
];

/**
 * Typed events whose listeners cannot hurt a request: a listener that throws or rejects
 * is reported as a `warning` event and otherwise ignored.
 */
export class RouterEventBus {
  private readonly emitter = new EventEmitter();
  private readonly guards = new Map<RouterEventName, WeakMap<AnyListener, GuardedListener>>();

  constructor(callbacks: readonly RouterCallbacks[] = []) {
    for (const callback of callbacks) {
      for (const [hook, event] of CALLBACK_EVENTS) {
        const listener = callback[hook];
        if (listener) this.on(event, listener.bind(callback) as RouterEventListener<typeof event>);
      }
    }
  }

  on<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): void {
    this.emitter.on(event, this.guard(event, listener));
  }

  once<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): void {
    this.emitter.once(event, this.guard(event, listener));
  }

  off<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): void {
    const guarded = this.guards.get(event)?.get(listener as AnyListener);
    if (guarded) this.emitter.off(event, guarded);
  }

  /** Lets the hot path skip building a payload nobody listens to. */
  has(event: RouterEventName): boolean {
    return this.emitter.listenerCount(event) > 0;
  }

  emit<E extends RouterEventName>(event: E, payload: RouterEventMap[E]): void {
    this.emitter.emit(event, payload);
  }

  private guard<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): GuardedListener {
    let byListener = this.guards.get(event);
    if (!byListener) {
      byListener = new WeakMap();
      this.guards.set(event, byListener);
    }
    const existing = byListener.get(listener as AnyListener);
    if (existing) return existing;
    const guarded: GuardedListener = (payload) => {
      try {
        const result = listener(payload as RouterEventMap[E]);
        if (result instanceof Promise) result.then(undefined, (error: unknown) => this.listenerFailed(event, error));
      } catch (error) {
        this.listenerFailed(event, error);
      }
    };
    byListener.set(listener as AnyListener, guarded);
    return guarded;
  }

  private listenerFailed(event: RouterEventName, error: unknown): void {
    if (event === 'warning') return;
    const detail = error instanceof Error ? error.message : String(error);
    this.emit('warning', { message: `A '${event}' listener threw: ${detail}`, cause: error });
  }
}
