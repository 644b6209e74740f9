/**
 * Seeded vectors for the vector index's tests and bench: random directions, near-duplicates
 * at a chosen cosine, and "crowded" sets whose entries all lean one way (as some embedding
 * models' do), where many entries sit near a threshold.
 */
export type Random = () => number;

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function scaledToUnit(vector: Float64Array): Float64Array {
  let squares = 0;
  for (const x of vector) squares += x * x;
  const length = Math.sqrt(squares);
  return vector.map((x) => x / length);
}

export function randomUnitVector(random: Random, dimension: number): Float64Array {
  return scaledToUnit(Float64Array.from({ length: dimension }, () => gaussian(random)));
}

/** Unit vectors that each lean towards one shared direction: two of them have a cosine of about `lean` (0 ≤ lean < 1). */
export function crowdedUnitVectors(random: Random, dimension: number, count: number, lean: number): Float64Array[] {
  const shared = randomUnitVector(random, dimension);
  const along = Math.sqrt(lean);
  const across = Math.sqrt(1 - lean);
  return Array.from({ length: count }, () => {
    const own = randomUnitVector(random, dimension);
    return scaledToUnit(shared.map((x, i) => along * x + across * (own[i] as number)));
  });
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/** A unit vector whose cosine with `vector` is `similarity`: similarity·v + √(1 − similarity²)·u, u a random unit vector orthogonal to v. */
export function vectorAtSimilarity(random: Random, vector: ArrayLike<number>, similarity: number): Float64Array {
  const v = scaledToUnit(Float64Array.from(vector));
  const r = randomUnitVector(random, v.length);
  const along = cosine(r, v);
  const u = scaledToUnit(r.map((x, i) => x - along * (v[i] as number)));
  const across = Math.sqrt(1 - similarity * similarity);
  return v.map((x, i) => similarity * x + across * (u[i] as number));
}

/** The brute-force answer VectorIndex.nearest must give: every entry's cosine in float64. */
export function exactNearest(
  entries: ReadonlyMap<string, ArrayLike<number>>,
  query: ArrayLike<number>,
  threshold: number,
): { id: string; similarity: number } | undefined {
  let best: { id: string; similarity: number } | undefined;
  for (const [id, vector] of entries) {
    const similarity = cosine(vector, query);
    if (similarity !== 0 && similarity >= threshold && (best === undefined || similarity > best.similarity)) best = { id, similarity };
  }
  return best;
}
