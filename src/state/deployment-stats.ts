import { boundedTokens, isCountable, MAX_TOKENS_PER_CALL } from './countable.js';

/** Latency samples kept per deployment. */
export const LATENCY_SAMPLES = 10;

/** A latency series: a ring of recent samples with their times, and the mean of the fresh ones. */
class LatencySeries {
  values = new Float64Array(0);
  times = new Float64Array(0);
  count = new Uint8Array(0);
  next = new Uint8Array(0);
  /** Mean of the samples within the TTL at the last insert; NaN when never measured. */
  mean = new Float64Array(0);
  /** Running sum of the ring's values. */
  sum = new Float64Array(0);
  /** Time of the newest sample. */
  at = new Float64Array(0);

  grow(capacity: number): void {
    this.values = resize(this.values, capacity * LATENCY_SAMPLES);
    this.times = resize(this.times, capacity * LATENCY_SAMPLES);
    this.count = resize(this.count, capacity);
    this.next = resize(this.next, capacity);
    this.mean = resize(this.mean, capacity, NaN);
    this.sum = resize(this.sum, capacity);
    this.at = resize(this.at, capacity);
  }

  reset(slot: number): void {
    this.count[slot] = 0;
    this.next[slot] = 0;
    this.mean[slot] = NaN;
    this.sum[slot] = 0;
    this.at[slot] = 0;
  }

  add(slot: number, value: number, now: number, ttlMs: number): void {
    const base = slot * LATENCY_SAMPLES;
    const next = this.next[slot] as number;
    const count = Math.min(LATENCY_SAMPLES, (this.count[slot] as number) + 1);
    this.sum[slot] =
      (this.sum[slot] as number) + value - (count === LATENCY_SAMPLES && this.count[slot] === LATENCY_SAMPLES ? (this.values[base + next] as number) : 0);
    this.values[base + next] = value;
    this.times[base + next] = now;
    this.next[slot] = (next + 1) % LATENCY_SAMPLES;
    this.count[slot] = count;
    this.at[slot] = now;
    // The oldest sample is where the ring writes next (or at 0 while filling): when it is fresh, all are.
    const oldest = count === LATENCY_SAMPLES ? (this.next[slot] as number) : 0;
    if (now - (this.times[base + oldest] as number) <= ttlMs) {
      this.mean[slot] = (this.sum[slot] as number) / count;
      return;
    }
    let sum = 0;
    let fresh = 0;
    for (let i = 0; i < count; i++) {
      if (now - (this.times[base + i] as number) <= ttlMs) {
        sum += this.values[base + i] as number;
        fresh++;
      }
    }
    this.mean[slot] = sum / fresh;
  }

  /** The mean, or NaN when never measured or every sample is older than the TTL. */
  read(slot: number, now: number, ttlMs: number): number {
    return now - (this.at[slot] as number) > ttlMs ? NaN : (this.mean[slot] as number);
  }
}

function resize<T extends Float64Array | Int32Array | Uint8Array>(array: T, length: number, fill = 0): T {
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}

/** What changed about a slot, for indexes kept over these numbers. */
export type StatChange = 'inFlight' | 'latency' | 'ttft' | 'usage' | 'output';

/** Something that keeps an index over the stats (a strategy's ranking) and must hear of changes. */
export interface StatsWatcher {
  changed(slot: number, what: StatChange, value: number): void;
}

/**
 * Per-deployment numbers the strategies and filters read on every pick, in flat typed
 * arrays indexed by each deployment's slot: a scan over 10,000 deployments reads
 * contiguous memory instead of chasing 10,000 objects. Changes go through the methods
 * below, which tell the watchers, so strategies can keep rankings current in O(log n).
 */
export class DeploymentStats {
  private readonly watchers: StatsWatcher[] = [];
  private capacity = 0;
  private readonly freeSlots: number[] = [];
  private used = 0;
  inFlight = new Int32Array(0);
  /** Completion latency per output token (ms). */
  readonly latency = new LatencySeries();
  /** Streams: time to first token (ms). */
  readonly ttft = new LatencySeries();
  outputMean = new Float64Array(0);
  outputCount = new Float64Array(0);
  /** The minute (epoch ms / 60000) the usage counters belong to. */
  minute = new Float64Array(0);
  requestsThisMinute = new Float64Array(0);
  tokensThisMinute = new Float64Array(0);

  allocate(): number {
    const slot = this.freeSlots.pop() ?? this.used++;
    if (slot >= this.capacity) this.grow(Math.max(16, this.capacity * 2));
    this.reset(slot);
    return slot;
  }

  release(slot: number): void {
    this.reset(slot);
    this.freeSlots.push(slot);
  }

  watch(watcher: StatsWatcher): void {
    if (!this.watchers.includes(watcher)) this.watchers.push(watcher);
  }

  private notify(slot: number, what: StatChange, value: number): void {
    for (let i = 0; i < this.watchers.length; i++) (this.watchers[i] as StatsWatcher).changed(slot, what, value);
  }

  /**
   * An attempt starts: one more in flight, its request and reserved tokens counted this minute.
   * Returns the tokens reserved (0 for a count that is not one), which `end` takes back.
   */
  begin(slot: number, now: number, reservedTokens: number): number {
    const reserved = boundedTokens(reservedTokens);
    this.currentMinute(slot, now);
    this.inFlight[slot] = (this.inFlight[slot] as number) + 1;
    this.requestsThisMinute[slot] = (this.requestsThisMinute[slot] as number) + 1;
    this.tokensThisMinute[slot] = (this.tokensThisMinute[slot] as number) + reserved;
    this.notify(slot, 'inFlight', 1);
    this.notify(slot, 'usage', 0);
    return reserved;
  }

  /** An attempt ends; in the minute it began, its reservation is replaced by the tokens it really used (kept when those are not a count). */
  end(slot: number, minute: number, reservedTokens: number, usedTokens: number | undefined): void {
    this.inFlight[slot] = (this.inFlight[slot] as number) - 1;
    this.notify(slot, 'inFlight', -1);
    if (isCountable(usedTokens, MAX_TOKENS_PER_CALL) && this.minute[slot] === minute) {
      this.tokensThisMinute[slot] = Math.max(0, (this.tokensThisMinute[slot] as number) - reservedTokens + usedTokens);
      this.notify(slot, 'usage', 0);
    }
  }

  /** An answer's output tokens, for the running mean; a count that is not one is left out. */
  addOutput(slot: number, completionTokens: number): void {
    if (!isCountable(completionTokens, MAX_TOKENS_PER_CALL)) return;
    const count = (this.outputCount[slot] as number) + 1;
    this.outputCount[slot] = count;
    this.outputMean[slot] = (this.outputMean[slot] as number) + (completionTokens - (this.outputMean[slot] as number)) / count;
    this.notify(slot, 'output', completionTokens);
  }

  /** A latency sample (ms per output token); one that is not a finite number of 0 or more is left out. */
  addLatency(slot: number, msPerToken: number, now: number, ttlMs: number): void {
    if (!isCountable(msPerToken)) return;
    this.latency.add(slot, msPerToken, now, ttlMs);
    this.notify(slot, 'latency', msPerToken);
  }

  addTimeToFirstToken(slot: number, ms: number, now: number, ttlMs: number): void {
    if (!isCountable(ms)) return;
    this.ttft.add(slot, ms, now, ttlMs);
    this.notify(slot, 'ttft', ms);
  }

  /** The whole fleet's requests and tokens of a deployment this minute, as a shared store counted them: they replace this process's own counts. */
  observeMinute(slot: number, now: number, requests: number | undefined, tokens: number | undefined): void {
    this.currentMinute(slot, now);
    if (requests !== undefined) this.requestsThisMinute[slot] = Math.max(0, requests);
    if (tokens !== undefined) this.tokensThisMinute[slot] = Math.max(0, tokens);
    this.notify(slot, 'usage', 0);
  }

  /** Rolls a deployment's usage counters to the current minute. */
  currentMinute(slot: number, now: number): void {
    const minute = Math.floor(now / 60_000);
    if (this.minute[slot] === minute) return;
    this.minute[slot] = minute;
    this.requestsThisMinute[slot] = 0;
    this.tokensThisMinute[slot] = 0;
  }

  private reset(slot: number): void {
    this.inFlight[slot] = 0;
    this.latency.reset(slot);
    this.ttft.reset(slot);
    this.outputMean[slot] = 0;
    this.outputCount[slot] = 0;
    this.minute[slot] = 0;
    this.requestsThisMinute[slot] = 0;
    this.tokensThisMinute[slot] = 0;
  }

  private grow(capacity: number): void {
    this.inFlight = resize(this.inFlight, capacity);
    this.latency.grow(capacity);
    this.ttft.grow(capacity);
    this.outputMean = resize(this.outputMean, capacity);
    this.outputCount = resize(this.outputCount, capacity);
    this.minute = resize(this.minute, capacity);
    this.requestsThisMinute = resize(this.requestsThisMinute, capacity);
    this.tokensThisMinute = resize(this.tokensThisMinute, capacity);
    this.capacity = capacity;
  }
}
