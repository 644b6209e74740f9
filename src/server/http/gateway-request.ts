import { randomUUID } from 'node:crypto';
import { BadRequestError } from '../../errors/api-errors.js';
import { isRecord } from '../../pipeline/is-record.js';
import type { Caller } from './caller.js';
import { errorAnswer } from './error-answer.js';
import type { Exchange, HeaderList, ResponseSink } from './exchange.js';
import { GatewayClosingError, PayloadTooLargeError } from './http-errors.js';

/** The caller of a public route: nobody. Public routes never ask who is calling. */
export const NO_CALLER: Caller = Object.freeze({
  isMaster: false,
  token: undefined,
  mayUse: () => false,
  enter: () => () => undefined,
});

function bodyText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** What a route works with: the exchange, the caller, the body as JSON, and answers that carry `x-request-id`. */
export class GatewayRequest {
  /** The router's id for the call this request made; generated when the answer goes out without one. */
  requestId: string | undefined = undefined;
  caller: Caller = NO_CALLER;

  constructor(
    readonly exchange: Exchange,
    private readonly maxBodyBytes: number,
  ) {}

  /** Aborted when the client goes away; pass it to the router call. */
  get signal(): AbortSignal {
    return this.exchange.signal;
  }

  /** The body as a JSON object: 413 past `maxBodyBytes`, 400 when it is not JSON or not an object. */
  async json(): Promise<Record<string, unknown>> {
    let value = this.exchange.parsedBody();
    if (value === undefined) {
      const text = bodyText(await this.exchange.readBody(this.maxBodyBytes));
      try {
        value = JSON.parse(text);
      } catch (error) {
        // Only where it broke: V8's message quotes part of the body, which may hold a key.
        const position = error instanceof Error ? /at position (\d+)/.exec(error.message)?.[1] : undefined;
        const where = position === undefined ? '' : ` (at character ${position})`;
        throw new BadRequestError(`The request body is not valid JSON${where}`, { type: 'invalid_request_error', code: 'invalid_json' });
      }
    }
    if (!isRecord(value)) throw new BadRequestError('The request body must be a JSON object', { type: 'invalid_request_error', code: 'invalid_json' });
    return value;
  }

  /** The answer's `x-request-id`. */
  answerId(): string {
    return (this.requestId ??= randomUUID());
  }

  sendJson(status: number, value: unknown, headers: HeaderList = [], closeConnection = false): void {
    headers.push('content-type', 'application/json', 'x-request-id', this.answerId());
    this.exchange.send(status, headers, JSON.stringify(value), closeConnection);
  }

  sendText(status: number, contentType: string, text: string): void {
    this.exchange.send(status, ['content-type', contentType, 'x-request-id', this.answerId()], text);
  }

  /** Starts a 200 server-sent event stream (no proxy buffering). */
  openEventStream(): ResponseSink {
    return this.exchange.stream(200, [
      'content-type',
      'text/event-stream',
      'cache-control',
      'no-cache',
      'x-accel-buffering',
      'no',
      'x-request-id',
      this.answerId(),
    ]);
  }

  /** Answers with the error in OpenAI's shape; a body refused unread, or a gateway shutting down, also closes the connection. */
  sendError(error: unknown): void {
    const { status, headers, body } = errorAnswer(error);
    this.sendJson(status, body, headers, error instanceof PayloadTooLargeError || error instanceof GatewayClosingError);
  }
}
