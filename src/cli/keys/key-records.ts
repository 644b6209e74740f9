import type * as z from 'zod';
import type { keyFields } from '../../server/admin/record-fields.js';
import { allPages, FULL_PAGE } from '../../server/auth/all-pages.js';
import { hashKey, keyName, newVirtualKey } from '../../server/auth/virtual-key.js';
import type { GatewayDatabase } from '../../server/db/open-database.js';
import type { KeyRecord } from '../../server/db/records.js';
import { durationMs } from '../../server/rules/durations.js';

/** A key's fields as the admin routes take them (`duration` for its expiry), checked by their schema. */
export type KeyInput = { [K in keyof typeof keyFields]?: z.infer<(typeof keyFields)[K]> };

export interface CreatedKey {
  /** The key itself: shown once, never stored. */
  key: string;
  record: KeyRecord;
  /** The key's team was not in the database and was made, with no budget nor limits. */
  teamCreated: boolean;
}

/**
 * A team a key names must exist, or the key's calls would silently miss the team's budget and
 * models: a missing one is made bare (no budget, no limits, every model), to be set with
 * `POST /team/update`. Answers whether it was made.
 */
async function ensureTeam(db: GatewayDatabase, teamId: string | null | undefined): Promise<boolean> {
  if (teamId === undefined || teamId === null || (await db.teams.get(teamId))) return false;
  await db.teams.create({ team_id: teamId });
  return true;
}

/** Writes a key: a new random one, or `fixedKey` (the config's `key_settings[].key`). Throws RecordExistsError when its alias or the key is taken. */
export async function createKey(db: GatewayDatabase, input: KeyInput, now: number, fixedKey?: string): Promise<CreatedKey> {
  const minted = fixedKey === undefined ? newVirtualKey() : { key: fixedKey, token: hashKey(fixedKey), key_name: keyName(fixedKey) };
  const teamCreated = await ensureTeam(db, input.team_id);
  const { duration, ...fields } = input;
  const expires = duration === undefined ? undefined : duration === null ? null : now + (durationMs(duration) as number);
  const record = await db.keys.create({ ...fields, ...(expires === undefined ? {} : { expires }), token: minted.token, key_name: minted.key_name });
  return { key: minted.key, record, teamCreated };
}

/** Every key, oldest first. */
export function allKeys(db: GatewayDatabase): Promise<KeyRecord[]> {
  return allPages((page) => db.keys.list({ page, size: FULL_PAGE }));
}
