import { SKETCH_BITS, SKETCH_WORDS, hammingLimit, popcount32, randomHyperplanes, writeSketch } from './sign-sketch.js';
import { dot, unitFloat32 } from './vector-math.js';

/** Fixed, so the same entries and queries give the same answers in every process. */
const HYPERPLANE_SEED = 0x5eed_c0de;
const INITIAL_CAPACITY = 64;

export interface VectorIndexOptions {
  /** Past this many entries, adding one drops the oldest. */
  maxEntries: number;
}

export interface NearestEntry {
  id: string;
  /** The cosine similarity of the entry and the query. */
  similarity: number;
}

/**
 * The semantic cache's index: a bounded set of embeddings and, for a query, the most similar one
 * by cosine similarity at or above a threshold. In memory, no I/O.
 *
 * Vectors are stored scaled to unit length in one float32 buffer, each with a 256-bit sketch of
 * random-hyperplane signs (see sign-sketch.ts). A look-up sketches the query, keeps the entries
 * whose sketch is within the Hamming distance that an entry at the threshold stays within but
 * for a one-in-a-billion chance, and computes the exact cosine of those alone: a few hundred µs
 * at 10,000 entries of 1,536 dimensions where a full scan takes about 20 ms. The filter's bound
 * depends on the threshold only, so data where many entries sit near the threshold costs more
 * exact checks, never a missed entry; at a threshold ≤ 0 every entry is checked.
 */
export class VectorIndex {
  private readonly maxEntries: number;
  /** Set by the first vector added, for the index's life. */
  private dimension = 0;
  private planes: Float32Array = new Float32Array(0);
  private capacity = 0;
  /** Slot s: its unit vector at s·dimension, sketch at s·SKETCH_WORDS, norm (0 for a zero vector) and id. Slots 0..size-1 are in use. */
  private vectors = new Float32Array(0);
  private sketches = new Uint32Array(0);
  private norms = new Float64Array(0);
  private ids: string[] = [];
  /** id → slot, oldest first (a Map keeps insertion order). */
  private readonly slots = new Map<string, number>();
  private candidates = new Int32Array(0);
  private readonly querySketch = new Uint32Array(SKETCH_WORDS);
  /** hammingLimit of the last threshold asked for (a caller keeps one threshold). */
  private limitThreshold = NaN;
  private limit = 0;

  constructor(options: VectorIndexOptions) {
    if (!Number.isSafeInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`VectorIndex: maxEntries must be a positive integer, got ${String(options.maxEntries)}`);
    }
    this.maxEntries = options.maxEntries;
  }

  get size(): number {
    return this.slots.size;
  }

  /**
   * Adds an entry, or replaces the one with this id (which then counts as the newest). Every
   * vector of an index has the dimension of the first one added. Past maxEntries the oldest
   * entry is dropped. A zero vector is kept but never found (its similarity to anything is 0).
   */
  add(id: string, vector: ArrayLike<number>): void {
    if (this.dimension === 0) {
      if (vector.length === 0) throw new TypeError('VectorIndex.add: the vector is empty');
    } else {
      this.checkDimension(vector, 'VectorIndex.add');
    }
    const { unit, norm } = unitFloat32(vector, 'VectorIndex.add');
    if (this.dimension === 0) {
      this.dimension = unit.length;
      this.planes = randomHyperplanes(this.dimension, HYPERPLANE_SEED);
    }
    this.delete(id);
    if (this.slots.size >= this.maxEntries) this.delete(this.slots.keys().next().value as string);
    const slot = this.slots.size;
    if (slot === this.capacity) this.grow();
    this.vectors.set(unit, slot * this.dimension);
    writeSketch(this.planes, unit, this.dimension, this.sketches, slot * SKETCH_WORDS);
    this.norms[slot] = norm;
    this.ids[slot] = id;
    this.slots.set(id, slot);
  }

  /** Removes the entry with this id, if there is one. */
  delete(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    const last = this.slots.size;
    if (slot !== last) {
      // The last slot moves into the hole, so in-use slots stay packed for the scan.
      const d = this.dimension;
      this.vectors.copyWithin(slot * d, last * d, (last + 1) * d);
      this.sketches.copyWithin(slot * SKETCH_WORDS, last * SKETCH_WORDS, (last + 1) * SKETCH_WORDS);
      this.norms[slot] = this.norms[last] as number;
      const moved = this.ids[last] as string;
      this.ids[slot] = moved;
      this.slots.set(moved, slot);
    }
    this.ids.length = last;
  }

  /** The entry most similar to `vector` by cosine similarity, if that similarity is at or above `threshold`. */
  nearest(vector: ArrayLike<number>, threshold: number): NearestEntry | undefined {
    if (Number.isNaN(threshold)) throw new TypeError('VectorIndex.nearest: threshold is NaN');
    if (this.dimension !== 0) this.checkDimension(vector, 'VectorIndex.nearest');
    const { unit, norm } = unitFloat32(vector, 'VectorIndex.nearest');
    const size = this.slots.size;
    if (size === 0 || norm === 0 || threshold > 1) return undefined;
    const count = this.candidatesFor(unit, threshold);
    const d = this.dimension;
    let best = -1;
    let bestSimilarity = -Infinity;
    for (let c = 0; c < count; c++) {
      const slot = this.candidates[c] as number;
      const entryNorm = this.norms[slot] as number;
      if (entryNorm === 0) continue;
      const similarity = Math.min(1, Math.max(-1, dot(unit, 0, this.vectors, slot * d, d) / (norm * entryNorm)));
      if (similarity > bestSimilarity) {
        best = slot;
        bestSimilarity = similarity;
      }
    }
    if (best < 0 || bestSimilarity < threshold) return undefined;
    return { id: this.ids[best] as string, similarity: bestSimilarity };
  }

  /** Fills `candidates` with the slots whose sketch is within the threshold's Hamming limit of the query's; returns how many. */
  private candidatesFor(unit: Float32Array, threshold: number): number {
    const size = this.slots.size;
    if (threshold !== this.limitThreshold) {
      this.limit = hammingLimit(threshold);
      this.limitThreshold = threshold;
    }
    const limit = this.limit;
    if (limit >= SKETCH_BITS) {
      for (let slot = 0; slot < size; slot++) this.candidates[slot] = slot;
      return size;
    }
    const q = this.querySketch;
    writeSketch(this.planes, unit, this.dimension, q, 0);
    // The query's words in locals and the eight popcounts written out: about a sixth faster than a loop over the words.
    const q0 = q[0] as number;
    const q1 = q[1] as number;
    const q2 = q[2] as number;
    const q3 = q[3] as number;
    const q4 = q[4] as number;
    const q5 = q[5] as number;
    const q6 = q[6] as number;
    const q7 = q[7] as number;
    const sketches = this.sketches;
    let count = 0;
    for (let slot = 0, at = 0; slot < size; slot++, at += SKETCH_WORDS) {
      const distance =
        popcount32(q0 ^ (sketches[at] as number)) +
        popcount32(q1 ^ (sketches[at + 1] as number)) +
        popcount32(q2 ^ (sketches[at + 2] as number)) +
        popcount32(q3 ^ (sketches[at + 3] as number)) +
        popcount32(q4 ^ (sketches[at + 4] as number)) +
        popcount32(q5 ^ (sketches[at + 5] as number)) +
        popcount32(q6 ^ (sketches[at + 6] as number)) +
        popcount32(q7 ^ (sketches[at + 7] as number));
      if (distance <= limit) this.candidates[count++] = slot;
    }
    return count;
  }

  private checkDimension(vector: ArrayLike<number>, what: string): void {
    if (vector.length !== this.dimension) {
      throw new TypeError(`${what}: the vector has ${vector.length} dimensions; this index holds vectors of ${this.dimension}`);
    }
  }

  private grow(): void {
    const capacity = Math.min(this.maxEntries, Math.max(INITIAL_CAPACITY, this.capacity * 2));
    const vectors = new Float32Array(capacity * this.dimension);
    vectors.set(this.vectors);
    const sketches = new Uint32Array(capacity * SKETCH_WORDS);
    sketches.set(this.sketches);
    const norms = new Float64Array(capacity);
    norms.set(this.norms);
    this.vectors = vectors;
    this.sketches = sketches;
    this.norms = norms;
    this.candidates = new Int32Array(capacity);
    this.capacity = capacity;
  }
}
