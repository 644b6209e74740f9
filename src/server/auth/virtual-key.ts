import { createHash, randomBytes } from 'node:crypto';

/** Random bytes in a key: 24 (192 bits), 32 base64url characters after `sk-`. */
const KEY_BYTES = 24;

const TOKEN = /^[0-9a-f]{64}$/;

/** A new virtual key: shown once to whoever asked for it; only its `token` (hash) and `key_name` are kept. */
export interface NewVirtualKey {
  key: string;
  token: string;
  key_name: string;
}

/** The sha256 hex of a key: its `token`, as LiteLLM stores it. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The key shortened for display, as LiteLLM shows it: `sk-...abcd`. */
export function keyName(key: string): string {
  return `sk-...${key.slice(-4)}`;
}

export function newVirtualKey(): NewVirtualKey {
  const key = `sk-${randomBytes(KEY_BYTES).toString('base64url')}`;
  return { key, token: hashKey(key), key_name: keyName(key) };
}

/** The token a management call names: a key's hash is taken as it is, anything else is hashed (as LiteLLM's admin routes take either). */
export function tokenOf(keyOrToken: string): string {
  return TOKEN.test(keyOrToken) ? keyOrToken : hashKey(keyOrToken);
}
