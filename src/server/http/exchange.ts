/** Response headers as node:http's `writeHead` takes them raw: name, value, name, value. */
export type HeaderList = string[];

/** A response body written piece by piece (server-sent events). */
export interface ResponseSink {
  /** Hands `text` to the client now; false when its buffer is full: await `drained()` before writing more. */
  write(text: string): boolean;
  /** Resolves once the client takes more, or has gone. */
  drained(): Promise<void>;
  end(): void;
}

/**
 * One request and its answer, whatever server carries them: node:http's (req, res) pair or a
 * Fetch API Request. The gateway's routes see only this.
 */
export interface Exchange {
  readonly method: string;
  /** The path without its query string (and without the gateway's `basePath`). */
  readonly path: string;
  /** The query string without its `?`, or ''. */
  readonly query: string;
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
  /** Aborted when the client goes away (its connection closes); a call given it stops with it. */
  readonly signal: AbortSignal;
  /** Whether the client has gone. */
  readonly gone: boolean;
  /** Whether the status line has been sent: after it only the body can go on. */
  readonly answered: boolean;
  /** The body, refused with PayloadTooLargeError past `maxBytes` without reading the rest. */
  readBody(maxBytes: number): Promise<Uint8Array>;
  /** A body a framework before the gateway (Express's `express.json()`) has already read and parsed; undefined otherwise. */
  parsedBody(): unknown;
  /** A whole answer. `closeConnection`: the client is sending a body nobody will read, so its connection cannot be reused. */
  send(status: number, headers: HeaderList, body: string, closeConnection?: boolean): void;
  /** Starts an answer whose body follows through the sink. */
  stream(status: number, headers: HeaderList): ResponseSink;
}
