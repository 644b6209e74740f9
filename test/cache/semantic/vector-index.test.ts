import { afterEach, describe, expect, it, vi } from 'vitest';
import { VectorIndex } from '../../../src/cache/semantic/vector-index.js';
import { cosine, crowdedUnitVectors, exactNearest, randomUnitVector, vectorAtSimilarity, type Random } from '../../support/random-vectors.js';
import { seededRandom } from '../../../src/testing/seeded-random.js';

const DIMENSION = 1_536;
const TRIALS = 200;

function indexOf(entries: Map<string, Float64Array>): VectorIndex {
  const index = new VectorIndex({ maxEntries: entries.size });
  for (const [id, vector] of entries) index.add(id, vector);
  return index;
}

function entriesOf(vectors: Float64Array[]): Map<string, Float64Array> {
  return new Map(vectors.map((vector, i) => [`e${i}`, vector]));
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

afterEach(() => vi.restoreAllMocks());

describe('VectorIndex', () => {
  it('answers undefined when empty, and counts its entries', () => {
    const index = new VectorIndex({ maxEntries: 10 });
    expect(index.nearest([1, 0, 0], 0.5)).toBeUndefined();
    index.add('a', [1, 0, 0]);
    index.add('b', [0, 1, 0]);
    expect(index.size).toBe(2);
  });

  it('returns the most similar entry at or above the threshold, with its exact cosine', () => {
    const index = new VectorIndex({ maxEntries: 10 });
    index.add('x', [1, 0, 0]);
    index.add('xy', [1, 1, 0]);
    index.add('y', [0, 3, 0]);
    expect(index.nearest([2, 1, 0], 0.5)).toEqual({ id: 'xy', similarity: expect.closeTo(3 / Math.sqrt(10), 12) });
    expect(index.nearest([1, 0, 0], 1)).toEqual({ id: 'x', similarity: 1 });
    expect(index.nearest([0, 0, 1], 0.01)).toBeUndefined();
    expect(index.nearest([-1, 0, 0], -1)?.id).toBe('y');
    expect(index.nearest([-1, 0, 0], -1)?.similarity).toBeCloseTo(0, 12);
    expect(index.nearest([1, 0, 0], 1.01)).toBeUndefined();
  });

  it('takes plain arrays and typed arrays of any number type alike', () => {
    const index = new VectorIndex({ maxEntries: 10 });
    index.add('a', Float64Array.of(0.1, 0.2, 0.3));
    expect(index.nearest([0.1, 0.2, 0.3], 0.999)?.id).toBe('a');
    expect(index.nearest(Int8Array.of(1, 2, 3), 0.999)?.id).toBe('a');
  });

  it('drops the oldest entry past maxEntries; replacing an entry makes it the newest', () => {
    const index = new VectorIndex({ maxEntries: 3 });
    index.add('a', [1, 0, 0, 0]);
    index.add('b', [0, 1, 0, 0]);
    index.add('c', [0, 0, 1, 0]);
    index.add('a', [1, 0, 0, 1]);
    index.add('d', [0, 0, 0, 1]);
    expect(index.size).toBe(3);
    expect(index.nearest([0, 1, 0, 0], 0.5)).toBeUndefined();
    expect(index.nearest([1, 0, 0, 1], 0.99)?.id).toBe('a');
    expect(index.nearest([0, 0, 1, 0], 0.99)?.id).toBe('c');
    expect(index.nearest([0, 0, 0, 1], 0.99)?.id).toBe('d');
  });

  it('deletes entries, and keeps finding the others after each deletion', () => {
    const random = seededRandom(1);
    const entries = entriesOf(Array.from({ length: 50 }, () => randomUnitVector(random, 64)));
    const index = indexOf(entries);
    index.delete('absent');
    for (const id of ['e0', 'e49', 'e25', 'e1']) {
      index.delete(id);
      entries.delete(id);
    }
    expect(index.size).toBe(46);
    expect(index.nearest(randomUnitVector(seededRandom(1), 64), 0.99)).toBeUndefined(); // e0 is gone
    for (const [id, vector] of entries) expect(index.nearest(vector, 0.99)?.id).toBe(id);
  });

  it('never finds a zero vector, and finds nothing for a zero query', () => {
    const index = new VectorIndex({ maxEntries: 10 });
    index.add('zero', [0, 0, 0]);
    expect(index.nearest([1, 2, 3], -1)).toBeUndefined();
    index.add('a', [1, 2, 3]);
    expect(index.nearest([0, 0, 0], -1)).toBeUndefined();
    expect(index.nearest([-1, -2, -3], -1)?.id).toBe('a');
  });

  it('rejects NaN, infinities and a vector of another dimension with a TypeError, and stays as it was', () => {
    const index = new VectorIndex({ maxEntries: 10 });
    expect(() => index.add('nan', [1, NaN])).toThrow(new TypeError('VectorIndex.add: element 1 is NaN; vectors must hold finite numbers'));
    expect(() => index.add('empty', [])).toThrow(TypeError);
    index.add('a', [1, 0, 0]);
    expect(() => index.add('b', [1, 0])).toThrow(new TypeError('VectorIndex.add: the vector has 2 dimensions; this index holds vectors of 3'));
    expect(() => index.add('a', [Infinity, 0, 0])).toThrow(TypeError);
    expect(() => index.nearest([1, 0], 0.5)).toThrow(TypeError);
    expect(() => index.nearest([NaN, 0, 0], 0.5)).toThrow(TypeError);
    expect(() => index.nearest([1, 0, 0], NaN)).toThrow(TypeError);
    expect(index.size).toBe(1);
    expect(index.nearest([1, 0, 0], 1)).toEqual({ id: 'a', similarity: 1 });
  });

  it('rejects a maxEntries that is not a positive integer', () => {
    for (const maxEntries of [0, -1, 1.5, NaN]) expect(() => new VectorIndex({ maxEntries })).toThrow(RangeError);
  });

  it('handles elements whose squares overflow a double', () => {
    const index = new VectorIndex({ maxEntries: 10 });
    index.add('huge', [1e300, 1e300]);
    expect(index.nearest([1, 1], 0.999)).toEqual({ id: 'huge', similarity: expect.closeTo(1, 12) });
  });

  describe(`at ${DIMENSION} dimensions, against a brute-force scan`, () => {
    it(`finds a planted near-duplicate (cosine 0.9-0.99) in each of ${TRIALS} trials, with its exact cosine`, () => {
      const random = seededRandom(2);
      const entries = entriesOf(Array.from({ length: 2_000 }, () => randomUnitVector(random, DIMENSION)));
      const index = indexOf(entries);
      const ids = [...entries.keys()];
      for (let trial = 0; trial < TRIALS; trial++) {
        const planted = pick(random, ids);
        const similarity = 0.9 + 0.09 * random();
        const query = vectorAtSimilarity(random, entries.get(planted) as Float64Array, similarity);
        const expected = exactNearest(entries, query, 0.9);
        expect(expected?.id).toBe(planted);
        const found = index.nearest(query, 0.9);
        expect(found?.id).toBe(planted);
        expect(found?.similarity).toBeCloseTo(expected?.similarity as number, 6);
        expect(found?.similarity).toBeCloseTo(similarity, 6);
      }
    });

    it('returns nothing below the threshold: unrelated queries, and a planted one just under it', () => {
      const random = seededRandom(3);
      const entries = entriesOf(Array.from({ length: 1_000 }, () => randomUnitVector(random, DIMENSION)));
      const index = indexOf(entries);
      for (let trial = 0; trial < 50; trial++) {
        expect(index.nearest(randomUnitVector(random, DIMENSION), 0.2)).toBeUndefined();
        const query = vectorAtSimilarity(random, entries.get(`e${trial}`) as Float64Array, 0.949);
        expect(index.nearest(query, 0.95)).toBeUndefined();
        expect(index.nearest(query, 0.948)?.id).toBe(`e${trial}`);
      }
    });

    it('picks the closer of two entries above the threshold', () => {
      const random = seededRandom(4);
      const base = randomUnitVector(random, DIMENSION);
      const entries = entriesOf(Array.from({ length: 200 }, () => randomUnitVector(random, DIMENSION)));
      entries.set('far', vectorAtSimilarity(random, base, 0.93));
      entries.set('near', vectorAtSimilarity(random, base, 0.99));
      const found = indexOf(entries).nearest(base, 0.9);
      expect(found).toEqual({ id: 'near', similarity: expect.closeTo(cosine(base, entries.get('near') as Float64Array), 6) });
    });

    it(`agrees with brute force on crowded data (every entry near the threshold) in each of ${TRIALS} trials`, () => {
      const random = seededRandom(5);
      // Pairwise cosines around 0.85 with a threshold of 0.9: many entries sit just under it.
      const entries = entriesOf(crowdedUnitVectors(random, DIMENSION, 1_000, 0.85));
      const index = indexOf(entries);
      const ids = [...entries.keys()];
      let hits = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        const query = vectorAtSimilarity(random, entries.get(pick(random, ids)) as Float64Array, 0.88 + 0.1 * random());
        const expected = exactNearest(entries, query, 0.9);
        const found = index.nearest(query, 0.9);
        expect(found?.id).toBe(expected?.id);
        if (expected !== undefined) {
          hits++;
          expect(found?.similarity).toBeCloseTo(expected.similarity, 6);
        }
      }
      expect(hits).toBeGreaterThan(TRIALS / 2);
    });

    it('gives the same answers every time, without Math.random', () => {
      const random = Math.random;
      const spy = vi.spyOn(Math, 'random');
      const vectors = Array.from({ length: 300 }, () => Float64Array.from({ length: DIMENSION }, () => random() - 0.5));
      const queries = vectors.slice(0, 30).map((v) => v.map((x) => x + 0.01 * (random() - 0.5)));
      const answers = () => {
        const index = indexOf(entriesOf(vectors));
        return queries.map((q) => index.nearest(q, 0.9));
      };
      const first = answers();
      expect(answers()).toEqual(first);
      expect(first.every((found, i) => found?.id === `e${i}`)).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    });
  });
});
