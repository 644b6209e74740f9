import type { Cluster, Redis } from 'ioredis';
import type { RememberedQuestion } from '../cache-store.js';

/** Appends a question to a context's hash under the next sequence number, drops the one `maxEntries` before it, and keeps the hash `ttlMs` more. */
const ADD = `
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], seq, ARGV[1])
local drop = seq - tonumber(ARGV[2])
if drop > 0 then redis.call('HDEL', KEYS[1], drop) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return seq
`;

/** The questions after sequence number ARGV[1] (the last `maxEntries` at most, `limit` per call), with the number read up to first. */
const SINCE = `
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
local from = math.max(tonumber(ARGV[1]), seq - tonumber(ARGV[2]))
local last = math.min(seq, from + tonumber(ARGV[3]))
if last <= from then return { tostring(last) } end
local fields = {}
for i = from + 1, last do fields[#fields + 1] = i end
local values = redis.call('HMGET', KEYS[1], unpack(fields))
local out = { tostring(last) }
for _, value in ipairs(values) do out[#out + 1] = value or '' end
return out
`;

const PER_CALL = 1_000;

const encode = (key: string, vector: readonly number[]) => JSON.stringify([key, Buffer.from(Float32Array.from(vector).buffer).toString('base64')]);

function decode(entry: string): RememberedQuestion | undefined {
  try {
    const [key, base64] = JSON.parse(entry) as [string, string];
    const bytes = Buffer.from(base64, 'base64');
    return { key, vector: Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)) };
  } catch {
    return undefined;
  }
}

/**
 * The semantic cache's questions in Redis: per context a hash of `[key, float32 vector]` by
 * sequence number, so each process reads on from where it stopped.
 */
export async function addQuestion(
  client: Redis | Cluster,
  hash: string,
  key: string,
  vector: readonly number[],
  ttlMs: number,
  maxEntries: number,
): Promise<void> {
  await client.eval(ADD, 1, hash, encode(key, vector), String(maxEntries), String(Math.max(1, Math.ceil(ttlMs))));
}

export async function questionsSince(
  client: Redis | Cluster,
  hash: string,
  from: number,
  maxEntries: number,
): Promise<{ questions: RememberedQuestion[]; next: number }> {
  const [last, ...entries] = (await client.eval(SINCE, 1, hash, String(from), String(maxEntries), String(PER_CALL))) as string[];
  const questions = entries.map(decode).filter((q): q is RememberedQuestion => q !== undefined);
  return { questions, next: Number(last) };
}
