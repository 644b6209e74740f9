import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys.js';

export interface LoadedCounter {
  name: string;
  windowStart: number;
  windowEnd: number;
  value: number;
}

/** The nodes that may hold the prefix's keys: the client itself, or every master of a cluster. */
function nodesOf(client: Redis | Cluster): Redis[] {
  return 'nodes' in client && typeof (client as Cluster).nodes === 'function' && (client as Cluster).isCluster
    ? (client as Cluster).nodes('master')
    : [client as Redis];
}

/** Every circuit Redis holds, as `[deploymentId, json]`. */
export async function loadCircuits(client: Redis | Cluster, keys: RedisKeys): Promise<[string, string][]> {
  return Object.entries(await client.hgetall(keys.circuits));
}

/** Every window counter of the prefix: spend all-time and per period, reservations, and this minute's rates. */
export async function loadCounters(client: Redis | Cluster, keys: RedisKeys): Promise<LoadedCounter[]> {
  const found: LoadedCounter[] = [];
  for (const node of nodesOf(client)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', keys.counterPattern, 'COUNT', 1_000);
      cursor = next;
      if (batch.length === 0) continue;
      const pipeline = node.pipeline();
      for (const key of batch) pipeline.hmget(key, 'w', 'e', 'v');
      const replies = (await pipeline.exec()) ?? [];
      replies.forEach(([error, fields], index) => {
        const [w, e, v] = (fields ?? []) as (string | null)[];
        if (error || w === null || w === undefined || v === null || v === undefined) return;
        found.push({ name: keys.counterName(batch[index] as string), windowStart: Number(w), windowEnd: e === 'inf' ? Infinity : Number(e), value: Number(v) });
      });
    } while (cursor !== '0');
  }
  return found;
}
