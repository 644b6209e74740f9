import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { MockReply } from './mock-replies.js';

export interface RecordedCall {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The request body, parsed when it is JSON. */
  body: unknown;
}

export type MockScript = MockReply | ((call: RecordedCall, index: number) => MockReply);

/**
 * A real HTTP server on an ephemeral loopback port that answers as a provider would,
 * scripted per test: queued replies first, then the default one.
 */
export class MockProviderServer {
  readonly calls: RecordedCall[] = [];
  private readonly queue: MockScript[] = [];
  private fallback: MockScript;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    fallback: MockScript,
  ) {
    this.fallback = fallback;
  }

  static async start(fallback: MockScript = { kind: 'json', body: {}, status: 500 }): Promise<MockProviderServer> {
    const server = createServer();
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const mock = new MockProviderServer(server, `http://127.0.0.1:${port}`, fallback);
    server.on('connection', (socket) => {
      mock.sockets.add(socket);
      socket.on('close', () => mock.sockets.delete(socket));
    });
    server.on('request', (req, res) => void mock.handle(req, res));
    return mock;
  }

  /** The base URL an OpenAI-style deployment uses (with `/v1`). */
  get url(): string {
    return `${this.origin}/v1`;
  }

  /** Connections the server still holds open. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Replies for the next calls, in order; after them the default applies. */
  reply(...replies: MockScript[]): this {
    this.queue.push(...replies);
    return this;
  }

  setDefault(reply: MockScript): this {
    this.fallback = reply;
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Keep the raw text.
    }
    const call: RecordedCall = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
    const index = this.calls.push(call) - 1;
    const script = this.queue.shift() ?? this.fallback;
    const reply = typeof script === 'function' ? script(call, index) : script;
    await this.answer(reply, res);
  }

  private sleep(ms: number | undefined): Promise<void> {
    if (!ms) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async answer(reply: MockReply, res: ServerResponse): Promise<void> {
    switch (reply.kind) {
      case 'hang':
        return;
      case 'held':
        return this.answer(await reply.reply, res);
      case 'json': {
        await this.sleep(reply.delayMs);
        const payload = JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...reply.headers });
        res.end(payload);
        return;
      }
      case 'text': {
        await this.sleep(reply.delayMs);
        res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain', ...reply.headers });
        res.end(reply.body);
        return;
      }
      case 'bytes': {
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType, ...reply.headers });
        for (const piece of reply.pieces) {
          if (res.destroyed) return;
          if (reply.paced) await new Promise((resolve) => res.write(piece, () => setImmediate(resolve)));
          else res.write(piece);
        }
        res.end();
        return;
      }
      case 'cut': {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'content-length': 100_000 });
        res.write(reply.partialBody, () => res.socket?.destroy());
        return;
      }
      case 'sse': {
        await this.sleep(reply.delayMs);
        res.writeHead(reply.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
        for (const event of reply.events) {
          if (res.destroyed) return;
          const name = reply.namedEvents && typeof event === 'object' && event !== null ? `event: ${(event as { type?: string }).type}\n` : '';
          res.write(`${name}data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`);
          await this.sleep(reply.eventDelayMs);
        }
        if (reply.end === 'stall') return;
        if (reply.end === 'destroy') {
          await new Promise((resolve) => res.write('', resolve));
          res.socket?.destroy();
        } else res.end();
        return;
      }
    }
  }
}
