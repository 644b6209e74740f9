import type { SpendLogRow } from './records.js';
import type { SpendRecords } from './spend-records.js';

export interface SpendLogWriterOptions {
  /** How long a row waits for others before its batch is written; default 500 ms. */
  flushMs?: number;
  /** Rows per transaction; a batch this full is written at once. Default 500. */
  maxBatch?: number;
  /** A batch written in the background failed (its rows stay queued and go with the next flush), or a row came after `close`. */
  onError?: (error: unknown) => void;
}

const DEFAULT_FLUSH_MS = 500;
const DEFAULT_MAX_BATCH = 500;

function positiveWhole(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name}: expected a whole number of at least 1, got ${String(value)}`);
  return value;
}

/**
 * Writes spend-log rows in batches, off the request path: `add` only queues. A batch that fails stays
 * queued, ahead of newer rows, and is tried again with the next flush (`flushMs` later, or sooner when
 * `maxBatch` rows wait), so an outage loses nothing while the process runs; what is queued when the
 * process dies is lost (at most about `flushMs` of calls while the database answers). `close()` writes everything.
 */
export class SpendLogWriter {
  readonly #spend: Pick<SpendRecords, 'write'>;
  readonly #flushMs: number;
  readonly #maxBatch: number;
  readonly #onError: (error: unknown) => void;
  #queued: SpendLogRow[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #closed = false;

  constructor(db: { readonly spend: Pick<SpendRecords, 'write'> }, options: SpendLogWriterOptions = {}) {
    this.#spend = db.spend;
    this.#flushMs = positiveWhole('flushMs', options.flushMs, DEFAULT_FLUSH_MS);
    this.#maxBatch = positiveWhole('maxBatch', options.maxBatch, DEFAULT_MAX_BATCH);
    this.#onError = options.onError ?? (() => {});
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.#queued.length;
  }

  /** Queues a row; never throws nor waits. After `close` the row is dropped and `onError` told. */
  add(row: SpendLogRow): void {
    if (this.#closed) {
      this.#report(new Error(`SpendLogWriter is closed: spend-log row ${row.request_id} was not written`));
      return;
    }
    this.#queued.push(row);
    if (this.#queued.length >= this.#maxBatch) this.#flushInBackground();
    else this.#schedule();
  }

  /** Writes everything queued; rejects with the error of a batch that failed (its rows stay queued). */
  flush(): Promise<void> {
    // After the write under way, whether it failed or not: one write at a time, rows in order.
    const writing = (this.#writing ?? Promise.resolve()).catch(() => {}).then(() => this.#writeAll());
    this.#writing = writing;
    return writing.finally(() => {
      if (this.#writing === writing) this.#writing = undefined;
    });
  }

  /** Stops taking rows and writes what is queued; rejects when a batch fails, and those rows are then lost. */
  async close(): Promise<void> {
    if (this.#closed) return this.#writing?.catch(() => {});
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    try {
      await this.flush();
    } finally {
      this.#queued = [];
    }
  }

  async #writeAll(): Promise<void> {
    while (this.#queued.length > 0) {
      const batch = this.#queued.splice(0, this.#maxBatch);
      try {
        await this.#spend.write(batch);
      } catch (error) {
        this.#queued = batch.concat(this.#queued);
        throw error;
      }
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flushInBackground();
    }, this.#flushMs);
    this.#timer.unref();
  }

  #flushInBackground(): void {
    if (this.#writing !== undefined) {
      // The write under way takes these rows too; should it fail, the timer tries again.
      this.#schedule();
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.flush().then(
      () => {
        if (this.#queued.length > 0) this.#schedule();
      },
      (error: unknown) => {
        this.#report(error);
        this.#schedule();
      },
    );
  }

  #report(error: unknown): void {
    try {
      this.#onError(error);
    } catch {
      // A throwing onError must not stop the writer.
    }
  }
}
