import type { ChatCompletionRequest } from '../../types/chat.js';
import { contextKeyOf, lastUserText } from '../cache-key.js';
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
 * `threshold` similar.
 */
export class SemanticLookup {
  readonly #index: SemanticIndex;

  constructor(
    private readonly options: SemanticCacheOptions,
    maxEntries: number,
  ) {
    this.#index = new SemanticIndex(options.maxEntries ?? maxEntries);
  }

  get embeddingModel(): string {
    return this.options.embeddingModel;
  }

  /** Embeds the request's last user message and finds the nearest earlier question in its context; undefined when it has no text to embed. */
  async probe(model: string, request: ChatCompletionRequest, partition: string, embed: Embed): Promise<SemanticProbe | undefined> {
    const text = lastUserText(request);
    if (text === undefined || text === '') return undefined;
    const context = contextKeyOf(model, request, partition);
    const vector = await embed(text);
    return {
      hitKey: this.#index.nearest(context, vector, this.options.threshold),
      remember: (key) => this.#index.add(context, key, vector),
    };
  }

  /** Forgets a question whose answer the store no longer has. */
  forget(model: string, request: ChatCompletionRequest, partition: string, key: string): void {
    this.#index.delete(contextKeyOf(model, request, partition), key);
  }
}
