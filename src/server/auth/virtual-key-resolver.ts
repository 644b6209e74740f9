import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '../../errors/api-errors.js';
import type { KeyRecord } from '../db/records.js';
import type { Caller, CallerResolver } from '../http/caller.js';
import { MASTER_CALLER } from '../http/master-key-resolver.js';
import { KeyCaller } from './key-caller.js';
import type { KeyRegistry } from './key-registry.js';
import type { ParallelRequests } from './parallel-requests.js';

/** A key's caller as last built, or why the key is refused whatever the time. */
interface CallerEntry {
  caller: KeyCaller;
  expires: number | null;
  refusal: AuthenticationError | undefined;
}

const invalidKey = () =>
  new AuthenticationError('Invalid API key: no key of this gateway has this value', { type: 'authentication_error', code: 'invalid_api_key' });

/**
 * Finds who calls from their bearer key: the master key (compared in constant time), or a virtual
 * key by its sha256 from the registry. Refuses (401) a missing or unknown key, an expired one (by the
 * injected clock), a blocked one and one whose team is blocked. Callers are built once per key and
 * built again when the registry takes in any change.
 */
export class VirtualKeyResolver implements CallerResolver {
  readonly #master: Buffer;
  readonly #callers = new Map<string, CallerEntry>();
  #generation = -1;

  constructor(
    masterKey: string,
    private readonly registry: KeyRegistry,
    private readonly parallel: ParallelRequests,
    private readonly now: () => number,
  ) {
    this.#master = createHash('sha256').update(masterKey).digest();
  }

  async resolve(bearer: string | undefined): Promise<Caller> {
    if (bearer === undefined)
      throw new AuthenticationError('No API key: send it as "Authorization: Bearer <key>"', { type: 'authentication_error', code: 'missing_api_key' });
    const digest = createHash('sha256').update(bearer).digest();
    if (timingSafeEqual(digest, this.#master)) return MASTER_CALLER;
    const token = digest.toString('hex');
    const entry = this.#cached(token) ?? (await this.#build(token));
    if (entry.refusal) throw entry.refusal;
    if (entry.expires !== null && entry.expires <= this.now()) {
      throw new AuthenticationError(`This key expired at ${new Date(entry.expires).toISOString()}`, { type: 'authentication_error', code: 'key_expired' });
    }
    return entry.caller;
  }

  #cached(token: string): CallerEntry | undefined {
    if (this.#generation !== this.registry.generation) {
      this.#callers.clear();
      this.#generation = this.registry.generation;
    }
    return this.#callers.get(token);
  }

  async #build(token: string): Promise<CallerEntry> {
    const key = await this.registry.find(token);
    if (key === undefined) throw invalidKey();
    const entry = this.#entry(key);
    // Kept only when nothing changed meanwhile: else the next call builds it from the newer records.
    if (this.#cached(token) === undefined && this.registry.key(token) === key) this.#callers.set(token, entry);
    return entry;
  }

  #entry(key: KeyRecord): CallerEntry {
    const user = key.user_id === null ? undefined : this.registry.user(key.user_id);
    const team = key.team_id === null ? undefined : this.registry.team(key.team_id);
    let refusal: AuthenticationError | undefined;
    if (key.blocked) refusal = new AuthenticationError('This key is blocked', { type: 'authentication_error', code: 'key_blocked' });
    else if (team?.blocked) refusal = new AuthenticationError("This key's team is blocked", { type: 'authentication_error', code: 'team_blocked' });
    return { caller: new KeyCaller(key, user, team, this.parallel), expires: key.expires, refusal };
  }
}
