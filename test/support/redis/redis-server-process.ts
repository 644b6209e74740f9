import { spawnSync, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { freePorts, killChild, RedisServerStartError, spawnRedisServer } from './redis-server-child.js';

const START_ATTEMPTS = 5;

/** Whether `redis-server --version` runs on this machine. */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore', timeout: 5_000 }).status === 0;
}

/** A throwaway redis-server on 127.0.0.1, a child of this process, that a test can kill and bring back on the same port. */
export class RedisServerProcess {
  private stopped = false;

  private constructor(
    readonly port: number,
    private child: ChildProcess | undefined,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts a server on `port`, or on a free port when none is given, and resolves once it answers PING. */
  static async start(options: { port?: number } = {}): Promise<RedisServerProcess> {
    for (let attempt = 1; ; attempt++) {
      const [port] = options.port === undefined ? await freePorts(1) : [options.port];
      try {
        return new RedisServerProcess(port!, await spawnRedisServer(port!));
      } catch (error) {
        // A port found free can be taken by someone else before redis-server binds it.
        if (!(error instanceof RedisServerStartError && error.portBusy) || attempt === START_ATTEMPTS) throw error;
        await delay(200);
      }
    }
  }

  /** SIGKILLs the server (no shutdown, no goodbye to clients) and waits until it has exited. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child) await killChild(child);
  }

  /** Kills the server if it runs, then starts it again on the same port and waits until it answers PING. */
  async restart(): Promise<void> {
    if (this.stopped) throw new Error(`redis-server on port ${this.port} was stopped; start a new one instead`);
    await this.kill();
    for (let attempt = 1; ; attempt++) {
      try {
        this.child = await spawnRedisServer(this.port);
        return;
      } catch (error) {
        if (!(error instanceof RedisServerStartError && error.portBusy) || attempt === START_ATTEMPTS) throw error;
        await delay(200);
      }
    }
  }

  /** Kills the server for good; safe to call more than once. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.kill();
  }
}
