import type { ChatCompletionRequest } from '../../types/chat.js';
import { contextKeyOf, lastUserText } from '../cache-key.js';
import type { CacheStore } from '../cache-store.js';
import { SemanticIndex } from './semantic-index.js';

/** The `cache.semantic` option. */
export interface SemanticCacheOptions {
  /** A model group of this router that makes embeddings: questions are embedded through `router.embedding()`. */
  embeddingModel: string;
  /** The least cosine similarity that counts as the same question, e.g. 0.95. */
  threshold: number;
  /** Questions remembered, across every context. Default: the cache's `maxEntries`. */
  maxEntries?: number;
}

/** Embeds one text (through the router's own `embedding()`, so it is routed, retried and priced). */
export type Embed = (text: string) => Promise<number[]>;

/** A semantic look-up's result: a hit's exact key, and what storing this call's answer needs. */
export interface SemanticProbe {
  hitKey: string | undefined;
  remember(key: string): void;
}

/**
 * Answers a request from an earlier one asking the same thing in other words: only when
 * everything but the last user message is identical (same system prompt, earlier turns,
 * tools and parameters: its context key), and the last messages' embeddings are at least
 * `threshold` similar. With a shared store the questions are shared: each look-up first
 * reads the ones other processes added to its context since it last looked.
 */
export class SemanticLookup {
  readonly #index: SemanticIndex;
  readonly #maxEntries: number;
  /** Per context, how many of the shared store's questions this process has read. */
  readonly #read = new Map<string, number>();

  /** @param store a store shared between processes shares the questions too (when it has `questionsSince` and `addQuestion`). */
  constructor(
    private readonly options: SemanticCacheOptions,
    maxEntries: number,
    private readonly store: CacheStore,
    private readonly ttlMs: number,
  ) {
    this.#maxEntries = options.maxEntries ?? maxEntries;
    this.#index = new SemanticIndex(this.#maxEntries);
  }

  get embeddingModel(): string {
    return this.options.embeddingModel;
  }

  /** Embeds the request's last user message and finds the nearest earlier question in its context; undefined when it has no text to embed. */
  async probe(model: string, request: ChatCompletionRequest, partition: string, embed: Embed): Promise<SemanticProbe | undefined> {
    const text = lastUserText(request);
    if (text === undefined || text === '') return undefined;
    const context = contextKeyOf(model, request, partition);
    const [vector] = await Promise.all([embed(text), this.#catchUp(context)]);
    return {
      hitKey: this.#index.nearest(context, vector, this.options.threshold),
      remember: (key) => {
        this.#index.add(context, key, vector);
        this.store.addQuestion?.(context, { key, vector }, this.ttlMs, this.#maxEntries).catch(() => undefined);
      },
    };
  }

  /** Reads the questions other processes added to this context since the last look (a store that fails leaves the local index as it is). */
  async #catchUp(context: string): Promise<void> {
    if (this.store.questionsSince === undefined) return;
    try {
      const { questions, next } = await this.store.questionsSince(context, this.#read.get(context) ?? 0, this.#maxEntries);
      for (const question of questions) this.#index.add(context, question.key, question.vector);
      this.#read.set(context, next);
    } catch {
      // The exact cache still works; the store's failure is told by the exact look-up.
    }
  }

  /** Forgets a question whose answer the store no longer has. */
  forget(model: string, request: ChatCompletionRequest, partition: string, key: string): void {
    this.#index.delete(contextKeyOf(model, request, partition), key);
  }
}
