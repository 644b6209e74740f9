import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { redisReachable } from './redis-gate.js';

const READY_LINE = 'Ready to accept connections';

/** A redis-server that failed to start; `portBusy` when another process held its port. */
export class RedisServerStartError extends Error {
  constructor(
    message: string,
    readonly portBusy: boolean,
  ) {
    super(message);
  }
}

const running = new Set<ChildProcess>();
// A test run that dies before its afterAll must not leave redis-servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** `count` distinct loopback ports that were free a moment ago (all held open together, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/**
 * Spawns `redis-server` on 127.0.0.1:`port` (no persistence, not daemonized: the caller owns the child) and resolves once
 * this very child says it is ready and the port answers PING. Waits at most `readyWithinMs`, then kills it and throws with
 * its output.
 */
export async function spawnRedisServer(port: number, extraArgs: string[] = [], options: { cwd?: string; readyWithinMs?: number } = {}): Promise<ChildProcess> {
  const { cwd, readyWithinMs = 10_000 } = options;
  const args = ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', ...extraArgs];
  const child = spawn('redis-server', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const fail = async (why: string): Promise<never> => {
    await killChild(child);
    throw new RedisServerStartError(
      `redis-server ${args.map((arg) => arg || '""').join(' ')} ${why}; its output:\n${output}`,
      output.includes('Address already in use'),
    );
  };
  const giveUpAt = Date.now() + readyWithinMs;
  for (;;) {
    if (spawnError) return fail(`could not be spawned (${spawnError.message})`);
    if (child.exitCode !== null || child.signalCode !== null) return fail(`exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    // The ready line proves the server answering is this child, not another one already on the port.
    if (output.includes(READY_LINE) && (await redisReachable(`redis://127.0.0.1:${port}`, 500))) return child;
    if (Date.now() > giveUpAt) return fail(`did not answer PING within ${readyWithinMs} ms`);
    await delay(50);
  }
}

/** SIGKILLs `child` and waits (at most `boundMs`) until it has exited. */
export async function killChild(child: ChildProcess, boundMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await Promise.race([
    exited,
    delay(boundMs, undefined, { ref: false }).then(() => {
      throw new Error(`redis-server (pid ${child.pid}) did not exit within ${boundMs} ms of SIGKILL`);
    }),
  ]);
}
