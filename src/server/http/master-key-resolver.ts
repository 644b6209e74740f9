import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '../../errors/api-errors.js';
import type { Caller, CallerResolver } from './caller.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

const NO_RELEASE = () => undefined;

/** The master key's caller: every model, no parallel limit. One for the whole gateway. */
export const MASTER_CALLER: Caller = Object.freeze({
  isMaster: true,
  token: undefined,
  mayUse: () => true,
  enter: () => NO_RELEASE,
});

/** Whether `key` is the master key, compared in constant time (over hashes, so lengths leak nothing either). */
function masterKeyCheck(masterKey: string): (key: string) => boolean {
  const expected = sha256(masterKey);
  return (key) => timingSafeEqual(sha256(key), expected);
}

/** Admits the master key only: what the gateway resolves callers with until virtual keys are plugged in. */
export class MasterKeyResolver implements CallerResolver {
  readonly #isMaster: (key: string) => boolean;

  constructor(masterKey: string) {
    this.#isMaster = masterKeyCheck(masterKey);
  }

  async resolve(bearer: string | undefined): Promise<Caller> {
    if (bearer === undefined) throw new AuthenticationError('No API key: send it as "Authorization: Bearer <key>"', { code: 'missing_api_key' });
    if (!this.#isMaster(bearer)) throw new AuthenticationError('Invalid API key', { code: 'invalid_api_key' });
    return MASTER_CALLER;
  }
}
