import { hashKey } from '../../server/auth/virtual-key.js';
import type { GatewayDatabase } from '../../server/db/open-database.js';
import type { KeyRecord } from '../../server/db/records.js';
import { failure } from '../cli-errors.js';
import { allKeys } from './key-records.js';

const TOKEN = /^[0-9a-f]{64}$/;
/** The start of a token, as `keys list` shows it. */
const TOKEN_START = /^[0-9a-f]{8,63}$/;

/**
 * The key a command names: its alias, the key itself, its token (sha-256), or the start of its
 * token as `keys list` shows it. Messages never repeat what was given: it may be a key.
 */
export async function findKey(db: GatewayDatabase, named: string): Promise<KeyRecord | undefined> {
  const byAlias = await db.keys.getByAlias(named);
  if (byAlias) return byAlias;
  if (TOKEN.test(named)) return db.keys.get(named);
  if (TOKEN_START.test(named)) {
    const matches = (await allKeys(db)).filter((key) => key.token.startsWith(named));
    if (matches.length > 1) throw failure(`the token start given matches ${matches.length} keys: give more of it`);
    if (matches[0]) return matches[0];
  }
  return db.keys.get(hashKey(named));
}

export const NO_SUCH_KEY = "no key has this alias, value or token (see 'switchyard keys list')";
