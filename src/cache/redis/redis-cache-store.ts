import { Redis, type Cluster } from 'ioredis';
import { OWN_CLIENT_OPTIONS, reasonOf, shownUrl } from '../../state/redis/redis-connection.js';
import { checkPrefix } from '../../state/redis/redis-keys.js';
import type { CachedAnswer, CacheStore, RememberedQuestion } from '../cache-store.js';
import { addQuestion, questionsSince } from './redis-questions.js';
import { parseCachedAnswer } from './cached-answer-json.js';

export interface RedisCacheStoreOptions {
  /** A `redis://` or `rediss://` URL (the store makes its client, connects on first use and closes it in `close()`), or an ioredis `Redis` or `Cluster` (yours to connect and close). */
  redis: string | Redis | Cluster;
  /** Starts every key, in braces (Redis Cluster's hash tag): routers that share answers share a prefix. Default `switchyard:`. */
  prefix?: string;
  /** The longest a command waits on Redis, in ms; past it the command rejects (the router takes that as a miss). Default 100. */
  commandTimeoutMs?: number;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 100;

/**
 * Answers shared by every router on one Redis: `{prefix}cache:<key>` holds an answer's
 * JSON and expires with its `ttlMs`. Every command is bounded by `commandTimeoutMs` and
 * fails at once while Redis is unreachable; a failure rejects, which the router serves as
 * a miss. A value that is not an answer is a miss.
 */
export class RedisCacheStore implements CacheStore {
  readonly #client: Redis | Cluster;
  readonly #owns: boolean;
  readonly #tag: string;
  readonly #where: string;
  readonly #commandTimeoutMs: number;
  /** A client made from a URL connects on its first command; commands wait for that first attempt (within their bound). */
  #connecting: Promise<void> | undefined;

  constructor(options: RedisCacheStoreOptions) {
    const { redis, prefix = 'switchyard:', commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS } = options ?? ({} as RedisCacheStoreOptions);
    checkPrefix(prefix, 'RedisCacheStore');
    if (typeof commandTimeoutMs !== 'number' || !(commandTimeoutMs > 0) || !Number.isFinite(commandTimeoutMs)) {
      throw new TypeError('RedisCacheStore: commandTimeoutMs must be a number of milliseconds above 0');
    }
    this.#owns = typeof redis === 'string';
    if (!this.#owns && (typeof redis !== 'object' || redis === null || typeof (redis as Redis).sendCommand !== 'function')) {
      throw new TypeError("RedisCacheStore: redis must be a URL such as 'redis://127.0.0.1:6379', an ioredis Redis or an ioredis Cluster");
    }
    this.#client = this.#owns ? new Redis(redis as string, OWN_CLIENT_OPTIONS) : (redis as Redis | Cluster);
    // Its failures reach the caller as rejected commands; without a listener ioredis would print each one.
    if (this.#owns) this.#client.on('error', () => undefined);
    this.#where = this.#owns ? shownUrl(redis as string) : 'the Redis client given';
    this.#tag = `{${prefix}}`;
    this.#commandTimeoutMs = commandTimeoutMs;
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const json = await this.#bounded('GET', () => this.#client.get(this.#key(key)));
    return json === null ? undefined : parseCachedAnswer(json);
  }

  async set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    const json = JSON.stringify(answer);
    if (Number.isFinite(ttlMs)) await this.#bounded('SET', () => this.#client.set(this.#key(key), json, 'PX', Math.max(1, Math.ceil(ttlMs))));
    else await this.#bounded('SET', () => this.#client.set(this.#key(key), json));
  }

  async delete(key: string): Promise<void> {
    await this.#bounded('DEL', () => this.#client.del(this.#key(key)));
  }

  /** `{prefix}cache-q:<context>`: the semantic cache's questions, shared by every router on this Redis. */
  questionsSince(context: string, from: number, maxEntries: number): Promise<{ questions: RememberedQuestion[]; next: number }> {
    return this.#bounded('EVAL', () => questionsSince(this.#client, this.#questions(context), from, maxEntries));
  }

  addQuestion(context: string, question: RememberedQuestion, ttlMs: number, maxEntries: number): Promise<void> {
    return this.#bounded('EVAL', () => addQuestion(this.#client, this.#questions(context), question.key, question.vector, ttlMs, maxEntries));
  }

  /** Closes the client the store made from a URL; a client given to it is left open. */
  async close(): Promise<void> {
    if (!this.#owns) return;
    const client = this.#client as Redis;
    if (client.status === 'wait' || client.status === 'end') return client.disconnect();
    await this.#bounded('QUIT', () => client.quit()).catch(() => client.disconnect());
  }

  #key(key: string): string {
    return `${this.#tag}cache:${key}`;
  }

  #questions(context: string): string {
    return `${this.#tag}cache-q:${context}`;
  }

  async #bounded<T>(name: string, command: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`RedisCacheStore: Redis at ${this.#where} did not answer ${name} within ${this.#commandTimeoutMs} ms (commandTimeoutMs)`)),
        this.#commandTimeoutMs,
      );
    });
    try {
      return await Promise.race([this.#connected().then(command), timeout]);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('RedisCacheStore:')) throw error;
      throw new Error(`RedisCacheStore: ${name} on Redis at ${this.#where} failed: ${reasonOf(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  #connected(): Promise<void> {
    if (this.#owns && (this.#client as Redis).status === 'wait') this.#connecting ??= (this.#client as Redis).connect().catch(() => undefined);
    return this.#connecting ?? Promise.resolve();
  }
}
