/**
 * Random-hyperplane sketches (SimHash): bit k of a vector's sketch is the sign of its dot
 * product with the k-th Gaussian random hyperplane. Two vectors at angle θ differ in each bit
 * with probability θ/π, independently over the hyperplanes, so the Hamming distance between
 * sketches is Binomial(SKETCH_BITS, θ/π): close vectors have close sketches, and a popcount
 * over 8 words compares them.
 */
export const SKETCH_BITS = 256;
export const SKETCH_WORDS = SKETCH_BITS / 32;

/** How likely a look-up may pass over an entry that is at or above its threshold: the rate the sketch filter is set for. */
export const MISS_PROBABILITY = 1e-9;

/** SKETCH_BITS Gaussian hyperplanes of `dimension`, row after row, from mulberry32 seeded with `seed` and Box-Muller. */
export function randomHyperplanes(dimension: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296; // in (0, 1): the logarithm below never sees 0
  };
  const planes = new Float32Array(SKETCH_BITS * dimension);
  for (let i = 0; i < planes.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    planes[i] = radius * Math.cos(angle);
    if (i + 1 < planes.length) planes[i + 1] = radius * Math.sin(angle);
  }
  return planes;
}

/**
 * Writes the sketch of `vector` (of `dimension` values) into `out` from `outAt`.
 * Eight hyperplanes per pass over the vector, each value loaded once for eight products: 1.7×
 * faster than one dot product after another.
 */
export function writeSketch(planes: Float32Array, vector: Float32Array, dimension: number, out: Uint32Array, outAt: number): void {
  let word = 0;
  for (let bit = 0; bit < SKETCH_BITS; bit += 8) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let i = 0, p = bit * dimension; i < dimension; i++, p++) {
      const x = vector[i] as number;
      s0 += (planes[p] as number) * x;
      s1 += (planes[p + dimension] as number) * x;
      s2 += (planes[p + 2 * dimension] as number) * x;
      s3 += (planes[p + 3 * dimension] as number) * x;
      s4 += (planes[p + 4 * dimension] as number) * x;
      s5 += (planes[p + 5 * dimension] as number) * x;
      s6 += (planes[p + 6 * dimension] as number) * x;
      s7 += (planes[p + 7 * dimension] as number) * x;
    }
    const byte =
      (s0 > 0 ? 1 : 0) |
      (s1 > 0 ? 2 : 0) |
      (s2 > 0 ? 4 : 0) |
      (s3 > 0 ? 8 : 0) |
      (s4 > 0 ? 16 : 0) |
      (s5 > 0 ? 32 : 0) |
      (s6 > 0 ? 64 : 0) |
      (s7 > 0 ? 128 : 0);
    word |= byte << (bit % 32);
    if (bit % 32 === 24) {
      out[outAt + (bit >>> 5)] = word;
      word = 0;
    }
  }
}

/** Set bits of a 32-bit word (SWAR). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * The largest Hamming distance an entry at cosine `threshold` (or closer) to the query shows
 * with probability 1 - MISS_PROBABILITY or more: the smallest h with P(Binomial(SKETCH_BITS, p) > h) ≤
 * MISS_PROBABILITY, p = arccos(threshold)/π. It depends on the threshold alone, not on how many
 * entries come near it: crowded data only makes more candidates for the exact check.
 * SKETCH_BITS (every entry a candidate) for a threshold at or below 0.
 */
export function hammingLimit(threshold: number): number {
  if (threshold <= 0) return SKETCH_BITS;
  if (threshold >= 1) return 0;
  const p = Math.acos(threshold) / Math.PI; // below 1/2, so (1 - p)^SKETCH_BITS ≥ 2^-256: no underflow
  const pmf = new Float64Array(SKETCH_BITS + 1);
  pmf[0] = (1 - p) ** SKETCH_BITS;
  for (let k = 0; k < SKETCH_BITS; k++) pmf[k + 1] = (((pmf[k] as number) * (SKETCH_BITS - k)) / (k + 1)) * (p / (1 - p));
  let tail = 0;
  for (let h = SKETCH_BITS; h > 0; h--) {
    if (tail + (pmf[h] as number) > MISS_PROBABILITY) return h;
    tail += pmf[h] as number;
  }
  return 0;
}
