import { Redis } from 'ioredis';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import type { StateAvailability } from '../../../src/state/shared-state.js';
import { CommandTimeout, OWN_CLIENT_OPTIONS, RedisConnection, type ScriptedClient } from '../../../src/state/redis/redis-connection.js';
import { REDIS_URL, redisDescribe } from '../../support/redis/redis-gate.js';
import { RedisServerProcess, redisServerInstalled } from '../../support/redis/redis-server-process.js';

const describeRedis = await redisDescribe();
const COMMAND_TIMEOUT_MS = 100;

function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: as a synchronous load (a tokenizer, a big JSON) would.
  }
}

describeRedis('a Redis connection bounds every wait', () => {
  const clients: Redis[] = [];
  afterEach(() => clients.splice(0).forEach((client) => client.disconnect()));

  async function connected(url = REDIS_URL): Promise<{ connection: RedisConnection; client: Redis; changes: StateAvailability[] }> {
    const client = new Redis(url, OWN_CLIENT_OPTIONS);
    clients.push(client);
    await client.connect();
    const connection = new RedisConnection(client as ScriptedClient, false, COMMAND_TIMEOUT_MS, () => undefined);
    const changes: StateAvailability[] = [];
    connection.watch((change) => changes.push(change));
    return { connection, client, changes };
  }

  it('takes a reply that came while the event loop was blocked past the time-out, and does not call Redis down', async () => {
    const { connection, client, changes } = await connected();
    const pong = connection.bounded(() => client.ping());
    blockEventLoop(3 * COMMAND_TIMEOUT_MS);
    await expect(pong).resolves.toBe('PONG');
    expect(changes).toEqual([]);
    expect(connection.available).toBe(true);
  });

  it('fails a command Redis does not answer within the time-out and calls Redis down until it answers again', async (context) => {
    if (!redisServerInstalled() && process.env.CI !== 'true') return context.skip('redis-server is not installed: skipped outside CI');
    // A Redis of its own: pausing the shared one would stall every other test on it.
    const server = await RedisServerProcess.start();
    onTestFinished(() => server.stop());
    const { connection, client, changes } = await connected(server.url);
    const pauser = new Redis(server.url);
    clients.push(pauser);
    await pauser.client('PAUSE', 1_000, 'ALL');
    await expect(connection.bounded(() => client.ping())).rejects.toBeInstanceOf(CommandTimeout);
    expect(changes).toEqual([{ available: false, reason: `Redis did not answer within ${COMMAND_TIMEOUT_MS} ms (commandTimeoutMs)` }]);
    expect(connection.available).toBe(false);
    // The pause ends by itself; the connection checks with PINGs until one is answered in time.
    await expect.poll(() => connection.available, { timeout: 10_000, interval: 50 }).toBe(true);
    expect(changes.at(-1)).toEqual({ available: true });
  });
});
