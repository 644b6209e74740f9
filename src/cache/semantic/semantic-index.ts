import { VectorIndex } from './vector-index.js';

/**
 * The semantic cache's memory: per context (everything in a request but its last user
 * message), the embedding of each answered question, by the exact key its answer is
 * stored under. Bounded as a whole: past `maxEntries` the oldest question is forgotten.
 */
export class SemanticIndex {
  readonly #byContext = new Map<string, VectorIndex>();
  /** Exact key → its context, oldest first. */
  readonly #order = new Map<string, string>();

  constructor(private readonly maxEntries: number) {}

  /** The exact key of the most similar question asked in this context, at or above `threshold`. */
  nearest(context: string, vector: readonly number[], threshold: number): string | undefined {
    return this.#byContext.get(context)?.nearest(vector, threshold)?.id;
  }

  add(context: string, key: string, vector: readonly number[]): void {
    let index = this.#byContext.get(context);
    if (index === undefined) {
      index = new VectorIndex({ maxEntries: this.maxEntries });
      this.#byContext.set(context, index);
    }
    this.#order.delete(key);
    this.#order.set(key, context);
    index.add(key, vector);
    if (this.#order.size > this.maxEntries) this.#forgetOldest();
  }

  /** Forgets a question whose answer is gone. */
  delete(context: string, key: string): void {
    this.#byContext.get(context)?.delete(key);
    this.#order.delete(key);
  }

  get size(): number {
    return this.#order.size;
  }

  #forgetOldest(): void {
    const [key, context] = this.#order.entries().next().value as [string, string];
    this.#order.delete(key);
    const index = this.#byContext.get(context);
    index?.delete(key);
    if (index?.size === 0) this.#byContext.delete(context);
  }
}
