import { randomUUID } from 'node:crypto';
import { Redis, type Cluster } from 'ioredis';
import type { Circuit } from '../../health/circuit.js';
import { DeploymentStats } from '../deployment-stats.js';
import type { Claim, ClaimAnswer, ClaimRequest, SharedState, StateAvailability } from '../shared-state.js';
import type { StateStore } from '../state-store.js';
import { claimAnswer, claimArguments } from './claim-call.js';
import { KeyList } from './key-list.js';
import { loadCircuits, loadCounters } from './load-state.js';
import { OWN_CLIENT_OPTIONS, reasonOf, RedisConnection, shownUrl, type ScriptedClient } from './redis-connection.js';
import { RedisCircuits } from './redis-circuits.js';
import { checkPrefix, RedisKeys } from './redis-keys.js';
import { RedisWindowCounters } from './redis-window-counters.js';
import { WriteQueue } from './write-queue.js';

export interface RedisStateStoreOptions {
  /** A `redis://` or `rediss://` URL (the store makes and closes its client), or an ioredis `Redis` or `Cluster` (yours to close). */
  redis: string | Redis | Cluster;
  /** Starts every key, in braces (Redis Cluster's hash tag): routers that share state share a prefix. Default `switchyard:`. */
  prefix?: string;
  /** While Redis does not answer: `allow` (default) serves calls on this process's own accounting; `deny` fails them with StateStoreUnavailableError. */
  onUnavailable?: 'allow' | 'deny';
  /** The longest a call waits on Redis, in ms. Default 100. */
  commandTimeoutMs?: number;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 100;
/** `connect` waits this long for a first answer, at least. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * State shared by every router (in every process) on one Redis: caller limits, deployment
 * rpm/tpm and budgets exact across processes (each attempt checks and takes what it needs
 * in one atomic script), spend that outlives processes, and circuits every process
 * follows. Reads are served from a local view that the scripts' answers and published
 * changes keep current; in-flight counts and latency samples stay per process.
 */
export class RedisStateStore implements StateStore, SharedState {
  readonly stats = new DeploymentStats();
  readonly counters = new RedisWindowCounters();
  readonly shared: SharedState = this;
  readonly onUnavailable: 'allow' | 'deny';
  readonly #circuits = new RedisCircuits();
  readonly #connection: RedisConnection;
  readonly #keys: RedisKeys;
  readonly #queue: WriteQueue;
  #subscriber: (Redis | Cluster) | undefined;
  /** Claims waiting for the next script call, and whether one is on its way. */
  #waiting: WaitingClaim[] = [];
  #claiming = false;
  /** Hold ids: this store's random prefix and a sequence number, unique across the fleet and cheaper than a UUID per claim. */
  readonly #holdPrefix = `${randomUUID()}-`;
  #holds = 0;

  private constructor(connection: RedisConnection, keys: RedisKeys, onUnavailable: 'allow' | 'deny') {
    this.#connection = connection;
    this.#keys = keys;
    this.onUnavailable = onUnavailable;
    this.#queue = new WriteQueue(connection, keys, (name, start, end, value) => this.counters.observe(name, start, end, value));
    this.counters.queue = this.#queue;
    this.#circuits.queue = this.#queue;
  }

  /** Connects, loads the spend, counters and circuits Redis holds, and follows circuit changes; rejects with a clear error when Redis cannot be reached. */
  static async connect(options: RedisStateStoreOptions): Promise<RedisStateStore> {
    const { redis, prefix = 'switchyard:', onUnavailable = 'allow', commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS } = options ?? ({} as RedisStateStoreOptions);
    checkPrefix(prefix, 'RedisStateStore');
    if (onUnavailable !== 'allow' && onUnavailable !== 'deny') throw new TypeError(`RedisStateStore: onUnavailable must be 'allow' or 'deny'`);
    if (typeof commandTimeoutMs !== 'number' || !(commandTimeoutMs > 0))
      throw new TypeError('RedisStateStore: commandTimeoutMs must be a number of milliseconds above 0');
    const owns = typeof redis === 'string';
    if (!owns && (typeof redis !== 'object' || redis === null || typeof (redis as Redis).defineCommand !== 'function')) {
      throw new TypeError("RedisStateStore: redis must be a URL such as 'redis://127.0.0.1:6379', an ioredis Redis or an ioredis Cluster");
    }
    const client = (owns ? new Redis(redis, OWN_CLIENT_OPTIONS) : redis) as ScriptedClient;
    const where = owns ? shownUrl(redis) : 'the Redis client given';
    let resume = () => {};
    const connection = new RedisConnection(client, owns, commandTimeoutMs, () => resume());
    const store = new RedisStateStore(connection, new RedisKeys(prefix), onUnavailable);
    resume = () => store.#resume();
    try {
      await withTimeout(store.#start(owns), Math.max(CONNECT_TIMEOUT_MS, commandTimeoutMs));
      return store;
    } catch (error) {
      await store.close();
      throw new Error(`RedisStateStore: Redis at ${where} cannot be reached: ${reasonOf(error)}`);
    }
  }

  async #start(owns: boolean): Promise<void> {
    const client = this.#connection.client;
    if (owns) await (client as Redis).connect();
    await client.ping();
    const subscriber = client.duplicate();
    this.#subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, message: string) => this.#circuits.apply(message));
    if (subscriber.status === 'wait') await subscriber.connect();
    await subscriber.subscribe(this.#keys.circuits);
    await this.#load();
  }

  async #load(): Promise<void> {
    const client = this.#connection.client;
    for (const [id, json] of await loadCircuits(client, this.#keys)) this.#circuits.load(id, json);
    for (const counter of await loadCounters(client, this.#keys)) this.counters.observe(counter.name, counter.windowStart, counter.windowEnd, counter.value);
  }

  /** Redis answers again: write back what was counted while it was away, then catch up with the circuits. */
  #resume(): void {
    void this.#queue
      .flush()
      .then(() => this.#connection.bounded(() => loadCircuits(this.#connection.client, this.#keys)))
      .then((circuits) => circuits.forEach(([id, json]) => this.#circuits.load(id, json)))
      .catch(() => undefined);
  }

  getCircuit(deploymentId: string): Readonly<Circuit> | undefined {
    return this.#circuits.get(deploymentId);
  }

  setCircuit(deploymentId: string, circuit: Readonly<Circuit>): void {
    this.#circuits.set(deploymentId, circuit);
  }

  deleteCircuit(deploymentId: string): void {
    this.#circuits.delete(deploymentId);
  }

  /**
   * A claim goes to Redis at once when none is on its way; claims made while one is go
   * together, in one script call, as soon as it is back: one write and one round trip for
   * all of them, so under load the fleet's claims cost Redis one command per round trip.
   */
  claim(request: ClaimRequest): Promise<ClaimAnswer> {
    if (!this.#connection.available) return Promise.resolve(UNAVAILABLE);
    return new Promise((resolve) => {
      this.#waiting.push({ request, holdId: `${this.#holdPrefix}${++this.#holds}`, resolve });
      if (!this.#claiming) void this.#sendClaims();
    });
  }

  async #sendClaims(): Promise<void> {
    this.#claiming = true;
    try {
      // Claims made in the same turn (a burst of calls) join this one.
      await Promise.resolve();
      while (this.#waiting.length > 0) await this.#send(this.#waiting.splice(0, MAX_CLAIMS_PER_CALL));
    } finally {
      this.#claiming = false;
    }
  }

  async #send(batch: readonly WaitingClaim[]): Promise<void> {
    const keys = new KeyList();
    const writes = this.#queue.takeForClaim(
      batch.flatMap(({ request }) => readsOf(request.claims)),
      keys,
    );
    const args = batch.flatMap(({ request, holdId }) => claimArguments(request, holdId, this.#keys, keys));
    let reply: (string | number)[];
    try {
      const client = this.#connection.client;
      const call = () => client.switchyardClaim(String(keys.keys.length), ...keys.keys, writes?.json ?? '', this.#keys.circuits, String(batch.length), ...args);
      reply = (await this.#connection.bounded(call)) as typeof reply;
    } catch {
      writes?.failed();
      for (const { resolve } of batch) resolve(UNAVAILABLE);
      return;
    }
    try {
      const written = Number(reply[0]);
      writes?.written(reply.slice(1, 1 + written) as string[]);
      let at = 1 + written;
      for (const { request, holdId, resolve } of batch) {
        const count = Number(reply[at + 2]);
        const values = reply.slice(at + 3, at + 3 + count) as string[];
        resolve(claimAnswer(String(reply[at]), Number(reply[at + 1]), values, request.claims, holdId, this.counters));
        at += 3 + count;
      }
    } catch {
      // An answer that cannot be read leaves no call waiting: those it did not answer are served as when Redis is away.
      for (const { resolve } of batch) resolve(UNAVAILABLE);
    }
  }

  release(holdId: string, claims: readonly Claim[]): void {
    for (const claim of claims) {
      if (claim.kind === 'budget') {
        const amount = String(claim.amountUsd);
        this.counters.observe(claim.reservedKey, claim.windowStart, claim.windowEnd, this.counters.get(claim.reservedKey, claim.windowStart) - claim.amountUsd);
        this.#queue.push({
          t: 'release',
          reservedName: claim.reservedKey,
          member: `${holdId}|${claim.windowStart}|${amount}`,
          windowStart: claim.windowStart,
          windowEnd: claim.windowEnd,
          amount,
        });
      } else if (claim.kind === 'probe') {
        this.#queue.push({ t: 'release-probe', deploymentId: claim.deploymentId, owner: holdId });
      }
    }
  }

  /**
   * Queues the raise (the local view takes it at once) and sends it with the queued writes:
   * resolves once they are written, or once Redis stopped answering.
   */
  raise(key: string, windowStart: number, windowEnd: number, value: number): Promise<void> {
    this.counters.raise(key, windowStart, windowEnd, value);
    return this.#queue.flush();
  }

  watchAvailability(listener: (availability: StateAvailability) => void): () => void {
    return this.#connection.watch(listener);
  }

  /** Whether Redis answers now. */
  get available(): boolean {
    return this.#connection.available;
  }

  /** Writes everything still queued, while Redis answers. */
  flush(): Promise<void> {
    return this.#queue.flush();
  }

  /** Writes what is queued (while Redis answers), stops following changes, and closes the client if the store made it. */
  async close(): Promise<void> {
    await this.#queue.flush().catch(() => undefined);
    this.#subscriber?.disconnect();
    await this.#connection.close();
  }
}

const UNAVAILABLE: ClaimAnswer = Object.freeze({ status: 'unavailable' });
/** Claims per script call: the script holds Redis while it runs. */
const MAX_CLAIMS_PER_CALL = 32;

interface WaitingClaim {
  request: ClaimRequest;
  holdId: string;
  resolve: (answer: ClaimAnswer) => void;
}

/** The counters a claim reads: its limits' and its budgets' spend and reservations. */
function readsOf(claims: readonly Claim[]): string[] {
  const names: string[] = [];
  for (const claim of claims) {
    if (claim.kind === 'counter') names.push(claim.key);
    else if (claim.kind === 'budget') names.push(claim.spendKey, claim.reservedKey);
  }
  return names;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
