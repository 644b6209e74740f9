import type { Cluster, Redis, RedisOptions } from 'ioredis';
import type { StateAvailability } from '../shared-state.js';
import { CLAIM_SCRIPT, WRITE_SCRIPT } from './lua-scripts.js';

/** A client with the store's scripts defined on it. */
export type ScriptedClient = (Redis | Cluster) & {
  switchyardClaim(...numberOfKeysKeysAndArgs: string[]): Promise<unknown>;
  switchyardWrite(numberOfKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
};

/** `redis://user:secret@host:6379/0` as `redis://host:6379/0`: a URL is shown without its credentials. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the Redis URL given';
  }
}

/** An error's message with any URL in it stripped of credentials. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\b(rediss?):\/\/[^@\s/]*@/g, '$1://');
}

interface Waiting {
  deadline: number;
  reject: (error: Error) => void;
}

/** How often a store whose Redis stopped answering checks it again. */
const RECOVERY_PING_MS = 250;

export class CommandTimeout extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms (commandTimeoutMs)`);
  }
}

/**
 * The store's connection: its client, whether it answers, and commands bounded by
 * `commandTimeoutMs` that fail at once while it is known to be down.
 */
export class RedisConnection {
  #available = true;
  #closed = false;
  readonly #waiting = new Set<Waiting>();
  #sweeper: NodeJS.Timeout | undefined;
  readonly #tickMs: number;
  readonly #listeners = new Set<(availability: StateAvailability) => void>();
  readonly #onReady: () => void;
  readonly #onDown: (error?: unknown) => void;

  constructor(
    readonly client: ScriptedClient,
    readonly ownsClient: boolean,
    private readonly commandTimeoutMs: number,
    onBack: () => void,
  ) {
    this.#tickMs = Math.max(1, Math.floor(commandTimeoutMs / 5));
    client.defineCommand('switchyardClaim', { lua: CLAIM_SCRIPT });
    client.defineCommand('switchyardWrite', { lua: WRITE_SCRIPT });
    this.#onReady = () => {
      if (this.#available) return;
      this.#available = true;
      this.#tell({ available: true });
      onBack();
    };
    this.#onDown = (error?: unknown) => this.markDown(error === undefined ? 'the connection to Redis closed' : reasonOf(error));
    client.on('ready', this.#onReady);
    client.on('close', this.#onDown);
    client.on('error', this.#onDown);
  }

  get available(): boolean {
    return this.#available && this.client.status === 'ready';
  }

  /** Redis stopped answering: until it answers a PING again (or reconnects), commands fail at once. */
  markDown(reason: string): void {
    if (!this.#available || this.#closed) return;
    this.#available = false;
    this.#tell({ available: false, reason });
    this.#recover();
  }

  /** A slow Redis never reconnects, so no `ready` comes: PING it until it answers in time. */
  #recover(): void {
    const timer = setTimeout(() => {
      if (this.#available || this.#closed) return;
      if (this.client.status !== 'ready') return this.#recover();
      this.bounded(() => this.client.ping()).then(this.#onReady, () => this.#recover());
    }, RECOVERY_PING_MS);
    timer.unref();
  }

  watch(listener: (availability: StateAvailability) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs a command, rejecting with CommandTimeout within `commandTimeoutMs`; a timed-out or failed command marks Redis down until it answers again. */
  async bounded<T>(command: () => Promise<T>): Promise<T> {
    let waiting: Waiting | undefined;
    const timeout = new Promise<never>((_, reject) => {
      waiting = { deadline: performance.now() + this.commandTimeoutMs - this.#tickMs, reject };
    });
    this.#waiting.add(waiting as Waiting);
    this.#sweepSoon();
    try {
      return await Promise.race([command(), timeout]);
    } catch (error) {
      if (this.#available) this.markDown(reasonOf(error));
      throw error;
    } finally {
      this.#waiting.delete(waiting as Waiting);
    }
  }

  /**
   * One timer for every waiting command (a timer per command costs more than the command):
   * each is failed between `commandTimeoutMs` less a tick and `commandTimeoutMs`.
   */
  #sweepSoon(): void {
    if (this.#sweeper !== undefined) return;
    this.#sweeper = setInterval(() => {
      const now = performance.now();
      for (const waiting of this.#waiting) {
        if (waiting.deadline > now) continue;
        this.#waiting.delete(waiting);
        // After this turn's poll phase: a reply that came while the event loop was blocked (longer than the time-out) is read first and wins.
        setImmediate(() => waiting.reject(new CommandTimeout(this.commandTimeoutMs)));
      }
      if (this.#waiting.size === 0) {
        clearInterval(this.#sweeper);
        this.#sweeper = undefined;
      }
    }, this.#tickMs);
    this.#sweeper.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    this.client.off('ready', this.#onReady);
    this.client.off('close', this.#onDown);
    this.client.off('error', this.#onDown);
    this.#listeners.clear();
    if (this.ownsClient) await this.client.quit().catch(() => this.client.disconnect());
  }

  #tell(availability: StateAvailability): void {
    for (const listener of this.#listeners) listener(availability);
  }
}

/**
 * Options for a client the store makes from a URL: commands fail at once while disconnected
 * (the store bounds every wait itself) and it reconnects for ever. No auto-pipelining: for
 * scripts it costs more per call than it saves (measured in `npm run bench` with BENCH_STATE=redis).
 */
export const OWN_CLIENT_OPTIONS: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: (times) => Math.min(times * 100, 1_000),
};
