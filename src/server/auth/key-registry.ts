import type { GatewayDatabase } from '../db/open-database.js';
import type { Change, KeyRecord, TeamRecord, UserRecord } from '../db/records.js';
import { allPages, FULL_PAGE } from './all-pages.js';

/** A key, user or team as the database has it now; `record` undefined: it is gone. */
export type RecordChange =
  | { kind: 'key'; ref: string; record: KeyRecord | undefined }
  | { kind: 'user'; ref: string; record: UserRecord | undefined }
  | { kind: 'team'; ref: string; record: TeamRecord | undefined };

export interface KeyRegistryOptions {
  /** How often the change feed is read. */
  refreshMs: number;
  /** Hears every record loaded at start and every one the feed (or a lookup) brings; awaited before the next. */
  onChange(change: RecordChange): Promise<void> | void;
  /** A feed read or an `onChange` that failed: the next read tries again. */
  onError(error: unknown): void;
  /** How long a token the database does not know is refused without asking again, unless the feed names it first. Default 1000 ms. */
  unknownTtlMs?: number;
}

type RegistryDatabase = Pick<GatewayDatabase, 'keys' | 'users' | 'teams' | 'changes'>;

/** Restores at once while loading: enough to overlap the database's round trips, few enough not to crowd its pool. */
const START_CONCURRENCY = 8;
/** Unknown tokens remembered at most: past it the list starts over (a flood of bad keys costs queries, not memory). */
const MAX_UNKNOWN = 10_000;

async function eachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void> | void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Every key, user and team in memory, kept fresh from the database's change feed (read every
 * `refreshMs`, or at once with `sync()` after a write), so a key blocked, changed or deleted on any
 * replica is seen here within about `refreshMs`. A token not in memory (a key made on another replica
 * since the last read) is looked up in the database; one it does not know is refused for a short while.
 */
export class KeyRegistry {
  readonly #keys = new Map<string, KeyRecord>();
  readonly #users = new Map<string, UserRecord>();
  readonly #teams = new Map<string, TeamRecord>();
  readonly #unknownUntil = new Map<string, number>();
  readonly #lookups = new Map<string, Promise<KeyRecord | undefined>>();
  readonly #unknownTtlMs: number;
  #lastChange = 0;
  #generation = 0;
  #running: Promise<void> | undefined = undefined;
  #queued: Promise<void> | undefined = undefined;
  #timer: NodeJS.Timeout | undefined = undefined;
  #stopped = false;

  constructor(
    private readonly db: RegistryDatabase,
    private readonly options: KeyRegistryOptions,
  ) {
    this.#unknownTtlMs = options.unknownTtlMs ?? 1_000;
  }

  /** Counts the records taken in: what callers built from them are valid while it stays the same. */
  get generation(): number {
    return this.#generation;
  }

  key(token: string): KeyRecord | undefined {
    return this.#keys.get(token);
  }

  user(userId: string): UserRecord | undefined {
    return this.#users.get(userId);
  }

  team(teamId: string): TeamRecord | undefined {
    return this.#teams.get(teamId);
  }

  /** Loads every record (each through `onChange`), then follows the feed from where it was before loading. */
  async start(): Promise<void> {
    this.#lastChange = await this.db.changes.latest();
    const [users, teams, keys] = await Promise.all([
      allPages((page) => this.db.users.list({ page, size: FULL_PAGE })),
      allPages((page) => this.db.teams.list({ page, size: FULL_PAGE })),
      allPages((page) => this.db.keys.list({ page, size: FULL_PAGE })),
    ]);
    const changes: RecordChange[] = [
      ...users.map((record) => ({ kind: 'user' as const, ref: record.user_id, record })),
      ...teams.map((record) => ({ kind: 'team' as const, ref: record.team_id, record })),
      ...keys.map((record) => ({ kind: 'key' as const, ref: record.token, record })),
    ];
    for (const change of changes) this.#store(change);
    await eachLimited(changes, START_CONCURRENCY, (change) => this.options.onChange(change));
    this.#schedule();
  }

  /** Reads the change feed now (after the read under way, if any); never rejects: failures go to `onError`. */
  sync(): Promise<void> {
    if (this.#queued) return this.#queued;
    const queued = (this.#running ?? Promise.resolve()).then(async () => {
      this.#queued = undefined;
      this.#running = queued;
      try {
        await this.#readFeed();
      } catch (error) {
        this.options.onError(error);
      } finally {
        if (this.#running === queued) this.#running = undefined;
      }
    });
    this.#queued = queued;
    return queued;
  }

  /** The key with that token: from memory, else from the database (unless it recently did not know it). */
  find(token: string): Promise<KeyRecord | undefined> | KeyRecord | undefined {
    const known = this.#keys.get(token);
    if (known !== undefined) return known;
    const until = this.#unknownUntil.get(token);
    if (until !== undefined && until > Date.now()) return undefined;
    let lookup = this.#lookups.get(token);
    if (lookup === undefined) {
      lookup = this.#lookUp(token).finally(() => this.#lookups.delete(token));
      this.#lookups.set(token, lookup);
    }
    return lookup;
  }

  /** Stops reading the feed and waits for a read under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#queued;
    await this.#running;
  }

  async #lookUp(token: string): Promise<KeyRecord | undefined> {
    for (;;) {
      const generation = this.#generation;
      const record = await this.db.keys.get(token);
      // The feed took something in meanwhile (maybe this key, deleted): ask again rather than bring back what it removed.
      if (this.#generation !== generation) {
        const known = this.#keys.get(token);
        if (known !== undefined) return known;
        continue;
      }
      if (record === undefined) {
        if (this.#unknownUntil.size >= MAX_UNKNOWN) this.#unknownUntil.clear();
        this.#unknownUntil.set(token, Date.now() + this.#unknownTtlMs);
        return undefined;
      }
      await this.#takeOwners(record);
      await this.#take({ kind: 'key', ref: token, record });
      return record;
    }
  }

  /** The user and team of a key found before the feed brought them. */
  async #takeOwners(key: KeyRecord): Promise<void> {
    if (key.user_id !== null && !this.#users.has(key.user_id)) {
      const user = await this.db.users.get(key.user_id);
      if (user !== undefined) await this.#take({ kind: 'user', ref: user.user_id, record: user });
    }
    if (key.team_id !== null && !this.#teams.has(key.team_id)) {
      const team = await this.db.teams.get(key.team_id);
      if (team !== undefined) await this.#take({ kind: 'team', ref: team.team_id, record: team });
    }
  }

  async #readFeed(): Promise<void> {
    for (;;) {
      const changes = await this.db.changes.since(this.#lastChange);
      if (changes.length === 0) return;
      for (const { kind, ref } of uniqueRefs(changes)) await this.#take(await this.#load(kind, ref));
      this.#lastChange = (changes.at(-1) as Change).id;
    }
  }

  async #load(kind: Change['kind'], ref: string): Promise<RecordChange> {
    if (kind === 'key') return { kind, ref, record: await this.db.keys.get(ref) };
    if (kind === 'user') return { kind, ref, record: await this.db.users.get(ref) };
    return { kind, ref, record: await this.db.teams.get(ref) };
  }

  async #take(change: RecordChange): Promise<void> {
    this.#store(change);
    await this.options.onChange(change);
  }

  #store(change: RecordChange): void {
    this.#generation++;
    if (change.kind === 'key') {
      this.#unknownUntil.delete(change.ref);
      if (change.record) this.#keys.set(change.ref, change.record);
      else this.#keys.delete(change.ref);
    } else if (change.kind === 'user') {
      if (change.record) this.#users.set(change.ref, change.record);
      else this.#users.delete(change.ref);
    } else if (change.record) this.#teams.set(change.ref, change.record);
    else this.#teams.delete(change.ref);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.sync().then(() => this.#schedule());
    }, this.options.refreshMs);
    this.#timer.unref();
  }
}

/** Each record named once, in the order of its first change. */
function uniqueRefs(changes: readonly Change[]): { kind: Change['kind']; ref: string }[] {
  const seen = new Set<string>();
  const refs: { kind: Change['kind']; ref: string }[] = [];
  for (const { kind, ref } of changes) {
    const name = `${kind}:${ref}`;
    if (seen.has(name)) continue;
    seen.add(name);
    refs.push({ kind, ref });
  }
  return refs;
}
