import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenOptions {
  /** Default 0: any free port (the answer says which). */
  port?: number;
  /** Default '127.0.0.1'; '0.0.0.0' to answer on every interface (in a container). */
  host?: string;
}

/** A node:http server of the gateway's own, for `gateway.listen()`: stops accepting, then closes once every answer has been handed over. */
export class StandaloneServer {
  #openResponses = 0;
  #quiet: (() => void) | undefined = undefined;
  #closed: Promise<void> | undefined = undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly port: number,
  ) {
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.#openResponses++;
      res.once('close', () => {
        if (--this.#openResponses === 0) this.#quiet?.();
      });
    });
  }

  static async listen(handler: (req: IncomingMessage, res: ServerResponse) => void, options: ListenOptions = {}): Promise<StandaloneServer> {
    const host = options.host ?? '127.0.0.1';
    const server = createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return new StandaloneServer(server, `http://${shown}:${port}`, port);
  }

  /** Takes no new connections; idle keep-alive ones are closed now, busy ones once their answer is out. */
  stopAccepting(): void {
    this.#closed ??= new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Resolves once every answer begun has been handed to the OS and the connections are closed:
   * those left are idle, or opened without a request yet (undici opens one when a stream is
   * cancelled), which `closeIdleConnections` would leave to the client's own time-out.
   */
  async closed(): Promise<void> {
    this.stopAccepting();
    if (this.#openResponses > 0) await new Promise<void>((resolve) => (this.#quiet = resolve));
    this.server.closeAllConnections();
    await this.#closed;
  }
}
