import { execFile, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePorts, killChild, spawnRedisServer } from './redis-server-child.js';

const run = promisify(execFile);
const HOST = '127.0.0.1';

export interface ClusterNode {
  host: string;
  port: number;
}

/** A throwaway Redis Cluster of masters only (no replicas) on 127.0.0.1, its servers children of this process. */
export class RedisClusterProcess {
  private stopped = false;

  private constructor(
    /** What ioredis's `new Cluster(nodes)` takes. */
    readonly nodes: ClusterNode[],
    private readonly children: ChildProcess[],
    private readonly dir: string,
  ) {}

  /** Starts `nodeCount` masters (at least 3, as `redis-cli --cluster create` requires), joins them and waits until every node reports cluster_state:ok. */
  static async start(nodeCount = 3): Promise<RedisClusterProcess> {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-redis-cluster-'));
    const children: ChildProcess[] = [];
    const cluster = new RedisClusterProcess([], children, dir);
    try {
      // Each node also needs a bus port; the default (port + 10000) may be taken or past 65535, so it gets a free one too.
      const ports = await freePorts(nodeCount * 2);
      for (let i = 0; i < nodeCount; i++) {
        const port = ports[i]!;
        const nodeDir = join(dir, `node-${port}`);
        await mkdir(nodeDir);
        const clusterArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', join(nodeDir, `nodes-${port}.conf`), '--cluster-node-timeout', '2000'];
        const placeArgs = ['--cluster-port', String(ports[nodeCount + i]), '--dir', nodeDir];
        children.push(await spawnRedisServer(port, [...clusterArgs, ...placeArgs], { cwd: nodeDir }));
        cluster.nodes.push({ host: HOST, port });
      }
      const addresses = cluster.nodes.map((node) => `${node.host}:${node.port}`);
      await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 }).catch(
        (error: Error & { stdout?: string; stderr?: string }) => {
          throw new Error(`redis-cli --cluster create ${addresses.join(' ')} failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
        },
      );
      await Promise.all(cluster.nodes.map((node) => waitForClusterOk(node, 20_000)));
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** Kills every node and removes their directories; safe to call more than once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.children.map((child) => killChild(child)));
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function waitForClusterOk(node: ClusterNode, boundMs: number): Promise<void> {
  const redis = new Redis({ ...node, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  try {
    const giveUpAt = Date.now() + boundMs;
    let info = '';
    while (!info.includes('cluster_state:ok')) {
      if (Date.now() > giveUpAt) throw new Error(`cluster node ${node.host}:${node.port} not ok within ${boundMs} ms; CLUSTER INFO:\n${info}`);
      await delay(100);
      info = String(await redis.call('CLUSTER', 'INFO'));
    }
  } finally {
    redis.disconnect();
  }
}
