import { createRequire } from 'node:module';
import type * as TiktokenModule from 'tiktoken';
import type { Tiktoken, TiktokenEncoding } from 'tiktoken';

/** tiktoken compiles its WASM when required, so it is required on first use, not at import. */
let tiktoken: typeof TiktokenModule | undefined;
const encoders = new Map<TiktokenEncoding, Tiktoken>();
const building = new Map<TiktokenEncoding, Build>();
/** Why tiktoken could not be loaded, once it failed: background loads stop trying, and `loadEncodings` reports it. */
let failure: unknown;

/** An encoding's encoder, built now if it is not yet: ~0.3 s that block the thread (o200k; cl100k takes a third of that). */
export function encoder(encoding: TiktokenEncoding): Tiktoken {
  let found = encoders.get(encoding);
  if (!found) {
    tiktoken ??= createRequire(import.meta.url)('tiktoken') as typeof TiktokenModule;
    found = tiktoken.get_encoding(encoding);
    encoders.set(encoding, found);
  }
  return found;
}

export function encoderBuilt(encoding: TiktokenEncoding): boolean {
  return encoders.has(encoding);
}

interface Build {
  done: Promise<void>;
  turn: NodeJS.Immediate;
}

/** `keepAlive`: whether the process waits for it; a build nobody awaits must not keep a short script from exiting. */
function build(encoding: TiktokenEncoding, keepAlive: boolean): Promise<void> {
  if (encoders.has(encoding)) return Promise.resolve();
  if (failure !== undefined) return Promise.reject(failure);
  let pending = building.get(encoding);
  if (!pending) {
    let turn: NodeJS.Immediate | undefined;
    // Each encoding in an event-loop turn of its own, after the work already queued, so I/O runs between them.
    const done = new Promise<void>((resolve, reject) => {
      turn = setImmediate(() => {
        building.delete(encoding);
        try {
          encoder(encoding);
          resolve();
        } catch (error) {
          failure = error;
          reject(error);
        }
      });
    });
    pending = { done, turn: turn as NodeJS.Immediate };
    building.set(encoding, pending);
    if (!keepAlive) pending.turn.unref();
  } else if (keepAlive) {
    pending.turn.ref();
  }
  return pending.done;
}

/** Builds the encoders in the background; resolves once all are built, rejects when tiktoken cannot be loaded. */
export function loadEncodings(encodings: Iterable<TiktokenEncoding>): Promise<void> {
  return Promise.all(Array.from(new Set(encodings), (encoding) => build(encoding, true))).then(() => undefined);
}

/** Builds the encoders in the background for whoever does not wait: the process may exit first, and a failure is kept for `loadEncodings` to report. */
export function startLoadingEncodings(encodings: Iterable<TiktokenEncoding>): void {
  for (const encoding of new Set(encodings)) build(encoding, false).catch(() => undefined);
}
