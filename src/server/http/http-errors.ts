import { RouterError } from '../../errors/router-error.js';

/** A request body over the gateway's `maxBodyBytes`: refused with 413 before the rest is read. */
export class PayloadTooLargeError extends RouterError {
  static override readonly kind: string = 'PayloadTooLargeError';
  constructor(maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes (the gateway's maxBodyBytes)`, {
      status: 413,
      type: 'invalid_request_error',
      code: 'payload_too_large',
    });
  }
}

/** The client closed its connection before its answer ended: the reason its router call is aborted with. */
export class ClientDisconnectedError extends RouterError {
  static override readonly kind: string = 'ClientDisconnectedError';
  constructor() {
    // 499 as nginx names it: no answer reaches the client, the status is for events and spend logs.
    super('The client closed the connection before the answer ended', { status: 499, code: 'client_disconnected' });
  }
}

/** A request reached the gateway after `close()` began. */
export class GatewayClosingError extends RouterError {
  static override readonly kind: string = 'GatewayClosingError';
  constructor() {
    super('The gateway is shutting down; send the request again to another instance', { status: 503, type: 'service_unavailable', code: 'shutting_down' });
  }
}

/** The gateway lacks an optional peer dependency the route needs. */
export class NotImplementedError extends RouterError {
  static override readonly kind: string = 'NotImplementedError';
  constructor(message: string) {
    super(message, { status: 501, type: 'api_error', code: 'not_installed' });
  }
}
