import type { Exchange, HeaderList, ResponseSink } from './exchange.js';
import { ClientDisconnectedError, PayloadTooLargeError } from './http-errors.js';
import { requestPath } from './request-path.js';

const encoder = new TextEncoder();

/** Chunks a streamed body holds for a slow reader before `write` asks the writer to wait. */
const STREAM_HIGH_WATER_MARK = 16;

function headersOf(list: HeaderList): Headers {
  const headers = new Headers();
  for (let i = 0; i < list.length; i += 2) headers.append(list[i] as string, list[i + 1] as string);
  return headers;
}

/**
 * A Fetch API Request as an Exchange: `response` resolves with the Response once the route
 * answers; a streamed answer's body is a ReadableStream the route writes into as chunks arrive.
 */
export class FetchExchange implements Exchange {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly response: Promise<Response>;
  #answer: ((response: Response) => void) | undefined;
  readonly #controller = new AbortController();
  /** A writer waiting for the reader to take more: woken by a pull, a cancel or the client leaving. */
  #wake: (() => void) | undefined = undefined;

  constructor(
    private readonly request: Request,
    basePath: string,
  ) {
    this.method = request.method;
    const url = new URL(request.url);
    this.path = requestPath(url.pathname, basePath);
    this.query = url.search.slice(1);
    this.response = new Promise((resolve) => (this.#answer = resolve));
    const clientSignal = request.signal;
    if (clientSignal.aborted) this.#leave();
    else clientSignal.addEventListener('abort', () => this.#leave(), { once: true });
  }

  header(name: string): string | undefined {
    return this.request.headers.get(name) ?? undefined;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get gone(): boolean {
    return this.#controller.signal.aborted;
  }

  get answered(): boolean {
    return this.#answer === undefined;
  }

  async readBody(maxBytes: number): Promise<Uint8Array> {
    const declared = this.request.headers.get('content-length');
    if (declared !== null && Number(declared) > maxBytes) throw new PayloadTooLargeError(maxBytes);
    const body = this.request.body;
    if (body === null) return new Uint8Array(0);
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read().catch(() => {
        throw new ClientDisconnectedError();
      });
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw new PayloadTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
    return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size);
  }

  parsedBody(): unknown {
    return undefined;
  }

  send(status: number, headers: HeaderList, body: string): void {
    this.#respond(new Response(body, { status, headers: headersOf(headers) }));
  }

  stream(status: number, headers: HeaderList): ResponseSink {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let open = true;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (c) => void (controller = c),
        pull: () => this.#woken(),
        cancel: () => {
          open = false;
          this.#leave();
        },
      },
      { highWaterMark: STREAM_HIGH_WATER_MARK },
    );
    this.#respond(new Response(body, { status, headers: headersOf(headers) }));
    return {
      write: (text) => {
        if (!open) return true;
        controller.enqueue(encoder.encode(text));
        return (controller.desiredSize ?? 0) > 0;
      },
      drained: () => (open && !this.gone ? new Promise<void>((resolve) => (this.#wake = resolve)) : Promise.resolve()),
      end: () => {
        if (!open) return;
        open = false;
        controller.close();
      },
    };
  }

  #respond(response: Response): void {
    const answer = this.#answer;
    this.#answer = undefined;
    answer?.(response);
  }

  #woken(): void {
    const waiting = this.#wake;
    this.#wake = undefined;
    waiting?.();
  }

  #leave(): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(new ClientDisconnectedError());
    this.#woken();
  }
}
