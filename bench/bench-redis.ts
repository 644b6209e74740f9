import { Redis } from 'ioredis';
import { RedisStateStore } from 'switchyard/redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A RedisStateStore on a prefix of its own (deleted at close), with a client of its own for PING. */
export async function connectBenchStore(): Promise<{ store: RedisStateStore; client: Redis; close(): Promise<void> }> {
  const prefix = `bench:${process.pid}:${Date.now()}:`;
  const store = await RedisStateStore.connect({ redis: REDIS_URL, prefix });
  const client = new Redis(REDIS_URL);
  return {
    store,
    client,
    async close() {
      await store.close();
      const keys = await client.keys(`{${prefix}}*`);
      if (keys.length > 0) await client.del(...keys);
      await client.quit();
    },
  };
}

/** Median round trip of 2,000 sequential PINGs, in µs. */
export async function pingTimeUs(client: Redis): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const t0 = performance.now();
    await client.ping();
    times.push((performance.now() - t0) * 1_000);
  }
  times.sort((a, b) => a - b);
  return times[1_000] as number;
}
