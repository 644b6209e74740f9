import type { CachedAnswer } from '../cache-store.js';

/** A stored value read back: the answer, or undefined when it is not one (another writer's value, a format of an older version). */
export function parseCachedAnswer(json: string): CachedAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { completion, costUsd, storedAt, expiresAt } = value as Record<string, unknown>;
  if (typeof completion !== 'object' || completion === null || !Array.isArray((completion as { choices?: unknown }).choices)) return undefined;
  if (costUsd !== undefined && typeof costUsd !== 'number') return undefined;
  if (typeof storedAt !== 'number' || typeof expiresAt !== 'number') return undefined;
  return value as CachedAnswer;
}
