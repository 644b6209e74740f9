import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { describeIf, type GatedDescribe } from './gated-describe.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis server at `url` answers PING within `boundMs`: a raw RESP exchange, so no client library and no retries. */
export async function redisReachable(url = REDIS_URL, boundMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    let reply = '';
    const finish = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), boundMs);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}

/**
 * Probes the Redis at `url` once and returns the `describe` to use for tests that need it; meant for the top of a test file:
 * `const describeRedis = await redisDescribe();`.
 */
export async function redisDescribe(url = REDIS_URL): Promise<GatedDescribe> {
  const { hostname, port } = new URL(url);
  const address = `${hostname}:${port || 6379}`;
  const why =
    `Redis at ${address} is not running: skipped outside CI; ` +
    `start it with redis-server --port ${port || 6379} --save "" --appendonly no (with CI=true these tests fail instead)`;
  return describeIf(await redisReachable(url), why);
}

/** A key prefix no other test run shares, e.g. `test:spend:4242:9f1c2a7b:`. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/**
 * Deletes every key matching the SCAN MATCH pattern `pattern`, as given (a store's keys may read `{<prefix>}...`,
 * the prefix as a cluster hash tag, so pass e.g. `{${prefix}}*`). Returns how many keys it deleted.
 */
export async function deleteKeys(url: string, pattern: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
