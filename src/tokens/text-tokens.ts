import { LRUCache } from 'lru-cache';
import type { TiktokenEncoding } from 'tiktoken';
import { encoder } from './encoders.js';

/**
 * The most characters one count encodes: ~5 to 20 ms of tiktoken, by the text. Texts up to
 * this long are counted exactly; longer ones are estimated from a sample this long.
 */
export const EXACT_CHARS = 16_384;
/** Fewer characters than this make a poor sample: what is left is estimated at the rate counted so far. */
const SMALLEST_SAMPLE = 1_024;
const SAMPLE_WINDOWS = 16;
/**
 * tiktoken's BPE takes time quadratic in a pre-token's length (100,000 copies of one letter
 * block ~10 s; a million crash its WASM), so runs of letters, of symbols or of spaces longer
 * than this are encoded in pieces this long: their count is then off by a token or so a piece.
 */
const LONGEST_RUN = 64;
const LONG_RUN = /(?<![\p{L}\p{M}])[\p{L}\p{M}]{65,}|(?<![^\s\p{L}\p{N}])[^\s\p{L}\p{N}]{65,}|(?<!\s)\s{65,}/gu;

/** Counting is ~100 µs for a short text; system prompts and history repeat, so exact counts are remembered. */
let exactCounts: LRUCache<string, number> | undefined;

/** `at`, or one on when it falls between a surrogate pair's halves: no character is split. */
function boundary(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + 1 : at;
}

/** The text's tokens, long runs encoded in pieces: linear in its length whatever it holds. */
function encodedLength(text: string, encoding: TiktokenEncoding): number {
  const bpe = encoder(encoding);
  let tokens = 0;
  let from = 0;
  for (const run of text.matchAll(LONG_RUN)) {
    const start = run.index;
    const end = start + run[0].length;
    if (start > from) tokens += bpe.encode_ordinary(text.slice(from, start)).length;
    for (let at = start; at < end;) {
      const cut = boundary(text, Math.min(at + LONGEST_RUN, end));
      tokens += bpe.encode_ordinary(text.slice(at, cut)).length;
      at = cut;
    }
    from = end;
  }
  if (from < text.length) tokens += bpe.encode_ordinary(from === 0 ? text : text.slice(from)).length;
  return tokens;
}

/** Tokens of a text longer than `sampleChars`, from that many characters in evenly spaced windows, scaled to its length. */
function sampledLength(text: string, encoding: TiktokenEncoding, sampleChars: number): number {
  const windows = Math.max(1, Math.min(SAMPLE_WINDOWS, Math.floor(sampleChars / SMALLEST_SAMPLE)));
  const width = Math.floor(sampleChars / windows);
  const stride = windows === 1 ? 0 : (text.length - width) / (windows - 1);
  let tokens = 0;
  let sampled = 0;
  for (let i = 0; i < windows; i++) {
    const start = boundary(text, Math.floor(i * stride));
    const window = text.slice(start, boundary(text, Math.min(start + width, text.length)));
    tokens += encodedLength(window, encoding);
    sampled += window.length;
  }
  return Math.ceil((tokens * text.length) / sampled);
}

/**
 * Counts texts with a bound on the work: at most `EXACT_CHARS` characters encoded in all,
 * whatever the texts. Each is counted exactly while the allowance lasts (or found among the
 * counts remembered); a text longer than what is left is estimated from a sample of it;
 * once too little is left to sample, the rest at the rate of tokens to characters seen.
 * Anything but a string counts nothing: tiktoken is handed strings only.
 */
export class TextTally {
  #left = EXACT_CHARS;
  #tokens = 0;
  #countedChars = 0;
  #countedTokens = 0;
  #uncountedChars = 0;

  constructor(private readonly encoding: TiktokenEncoding) {}

  add(text: unknown): void {
    if (typeof text !== 'string' || text === '') return;
    const exact = text.length <= EXACT_CHARS ? this.#remembered(text) : undefined;
    if (exact !== undefined) return this.#counted(text, exact);
    if (text.length <= this.#left) {
      this.#left -= text.length;
      const count = encodedLength(text, this.encoding);
      exactCounts?.set(this.#key(text), count);
      return this.#counted(text, count);
    }
    if (this.#left >= SMALLEST_SAMPLE) {
      const estimate = sampledLength(text, this.encoding, this.#left);
      this.#left = 0;
      return this.#counted(text, estimate);
    }
    this.#uncountedChars += text.length;
  }

  get tokens(): number {
    if (this.#uncountedChars === 0) return this.#tokens;
    // Four characters a token, OpenAI's rule of thumb, when nothing was counted to learn a rate from.
    const rate = this.#countedChars > 0 ? this.#countedTokens / this.#countedChars : 0.25;
    return this.#tokens + Math.ceil(this.#uncountedChars * rate);
  }

  #counted(text: string, tokens: number): void {
    this.#tokens += tokens;
    this.#countedChars += text.length;
    this.#countedTokens += tokens;
  }

  #key(text: string): string {
    return `${this.encoding}\u0000${text}`;
  }

  #remembered(text: string): number | undefined {
    // Made with the first count, not at import: the cache sets aside room for all its entries up front.
    exactCounts ??= new LRUCache({ max: 5_000, maxSize: 50_000_000, sizeCalculation: (_count, key) => key.length + 1 });
    return exactCounts.get(this.#key(text));
  }
}
