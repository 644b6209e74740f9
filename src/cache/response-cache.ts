import type { CompletionOptions } from '../pipeline/completion-options.js';
import type { ChatCompletion, ChatCompletionRequest } from '../types/chat.js';
import { cacheKeyOf } from './cache-key.js';
import type { CacheScope } from './cache-options.js';
import type { CachedAnswer, CacheStore } from './cache-store.js';
import type { SemanticLookup } from './semantic/semantic-lookup.js';

/** The cache as the router was given it, checked. */
export interface CacheConfig {
  store: CacheStore;
  ttlMs: number;
  models: ReadonlySet<string> | undefined;
  scope: CacheScope;
  semantic: SemanticLookup | undefined;
}

/** What the cache does for one call: its key, whether it looks the call up, whether it stores the answer, and for how long. */
export interface CachePlan {
  key: string;
  /** The scope value and namespace the key was made in. */
  partition: string;
  lookUp: boolean;
  store: boolean;
  ttlMs: number;
}

/** Who served an answer, kept with it so a hit can say so. */
export interface ServedBy {
  deploymentId: string;
  provider: string;
  providerModel: string;
}

/** A cached answer with who served it. */
export interface CachedCompletion extends CachedAnswer {
  servedBy?: ServedBy;
}

/**
 * A call in flight that identical calls join. Nothing is made for them until one joins, so
 * a call nobody joins pays only for the map entry.
 */
export class Flight {
  #waiting: ((answer: CachedCompletion | undefined) => void)[] | undefined;
  #ended = false;

  constructor(private readonly ended: () => void) {}

  /** Whether calls are waiting for this one's answer. */
  get joined(): boolean {
    return this.#waiting !== undefined;
  }

  /** Its answer once it ends; undefined if it failed (its joiners then try on their own). */
  answer(): Promise<CachedCompletion | undefined> {
    return new Promise((resolve) => (this.#waiting ??= []).push(resolve));
  }

  /** Ends the flight (once) with the answer its joiners get. */
  end(answer: CachedCompletion | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    this.ended();
    for (const resolve of this.#waiting ?? []) resolve(answer);
  }
}

/** An answer is kept only when it is whole: none of its choices was cut by a content filter. */
const storable = (completion: ChatCompletion) => completion.choices.every((choice) => choice.finish_reason !== 'content_filter');

/**
 * The router's response cache: keys calls, looks them up, stores whole answers, and lets
 * an identical call join one in flight instead of calling a provider again. A store that
 * fails is a miss, told once (a `warning`) until it answers again.
 */
export class ResponseCache {
  /** Calls in flight by key: what their joiners wait for (undefined when the call failed: joiners then try on their own). */
  readonly #inFlight = new Map<string, Flight>();
  #troubled = false;
  #semanticTroubled = false;

  constructor(
    private readonly config: CacheConfig,
    private readonly now: () => number,
    private readonly warn: (message: string, cause: unknown) => void,
  ) {}

  /** The plan for a call, or undefined when it is not cached (a model not cached, a scope value missing, or both look-up and store turned off). */
  plan(model: string, request: ChatCompletionRequest, options: CompletionOptions): CachePlan | undefined {
    const asked = options.cache;
    const lookUp = asked?.noCache !== true;
    const store = asked?.noStore !== true;
    if ((!lookUp && !store) || (this.config.models !== undefined && !this.config.models.has(model))) return undefined;
    const { scope } = this.config;
    let partition = '';
    if (scope !== 'global') {
      const value = options[scope];
      if (value === undefined) return undefined;
      partition = `${scope}:${value}`;
    }
    if (asked?.namespace !== undefined) partition += `\n${asked.namespace}`;
    return { key: cacheKeyOf(model, request, partition), partition, lookUp, store, ttlMs: asked?.ttlMs ?? this.config.ttlMs };
  }

  get semantic(): SemanticLookup | undefined {
    return this.config.semantic;
  }

  /** The answer stored under a key while it is fresh (at once from a synchronous store); a store that fails is a miss. */
  find(key: string): CachedCompletion | undefined | Promise<CachedCompletion | undefined> {
    let found: ReturnType<CacheStore['get']>;
    try {
      found = this.config.store.get(key);
    } catch (error) {
      this.#trouble('look-up', error);
      return undefined;
    }
    if (!(found instanceof Promise)) return this.#fresh(found);
    return found.then(
      (answer) => this.#fresh(answer),
      (error: unknown) => {
        this.#trouble('look-up', error);
        return undefined;
      },
    );
  }

  #fresh(answer: CachedAnswer | undefined): CachedCompletion | undefined {
    this.#troubled = false;
    return answer !== undefined && answer.expiresAt > this.now() ? answer : undefined;
  }

  /** The call in flight with this key, if any. */
  inFlight(key: string): Flight | undefined {
    return this.#inFlight.get(key);
  }

  /** Registers a call as the one in flight for its key, until it ends. */
  lead(key: string): Flight {
    const flight = new Flight(() => {
      if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
    });
    this.#inFlight.set(key, flight);
    return flight;
  }

  /** The answer as it is stored (and handed to joiners): whole answers only. Undefined when it may not be kept. */
  entry(plan: CachePlan, completion: ChatCompletion, costUsd: number | undefined, servedBy: ServedBy): CachedCompletion | undefined {
    if (!storable(completion)) return undefined;
    const storedAt = this.now();
    return { completion, costUsd, storedAt, expiresAt: storedAt + plan.ttlMs, servedBy };
  }

  /** Stores an entry (unless the call said `noStore`), in the background: a store that fails is told, never thrown. */
  keep(plan: CachePlan, entry: CachedCompletion): void {
    if (!plan.store) return;
    try {
      const stored = this.config.store.set(plan.key, entry, plan.ttlMs);
      if (stored instanceof Promise) stored.catch((error: unknown) => this.#trouble('write', error));
    } catch (error) {
      this.#trouble('write', error);
    }
  }

  /** The semantic look-up could not embed the question: a miss, told once. */
  semanticFailed(error: unknown): void {
    if (this.#semanticTroubled) return;
    this.#semanticTroubled = true;
    this.warn(`The semantic cache could not embed a question with '${this.config.semantic?.embeddingModel}': such calls are exact-cache only`, error);
  }

  #trouble(what: 'look-up' | 'write', error: unknown): void {
    if (this.#troubled) return;
    this.#troubled = true;
    this.warn(`The response cache's store failed a ${what}: calls go to the providers (misses) until it answers again`, error);
  }
}
