import { RouterError, type RouterErrorOptions } from './router-error.js';

/** Errors a provider answered with, one class per status family (as openai-node names them). */

export class BadRequestError extends RouterError {
  static override readonly kind: string = 'BadRequestError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 400, ...options });
  }
}

export class AuthenticationError extends RouterError {
  static override readonly kind: string = 'AuthenticationError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 401, ...options });
  }
}

export class PermissionDeniedError extends RouterError {
  static override readonly kind: string = 'PermissionDeniedError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 403, ...options });
  }
}

export class NotFoundError extends RouterError {
  static override readonly kind: string = 'NotFoundError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 404, ...options });
  }
}

export class TimeoutError extends RouterError {
  static override readonly kind: string = 'TimeoutError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 408, retryable: true, ...options });
  }
}

export class ConflictError extends RouterError {
  static override readonly kind: string = 'ConflictError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 409, retryable: true, ...options });
  }
}

export class UnprocessableEntityError extends RouterError {
  static override readonly kind: string = 'UnprocessableEntityError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 422, ...options });
  }
}

export interface RateLimitErrorOptions extends RouterErrorOptions {
  /** How long the answer asked us to wait (`retry-after` / `retry-after-ms`), when it said. */
  retryAfterMs?: number;
}

export class RateLimitError extends RouterError {
  static override readonly kind: string = 'RateLimitError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, { status: 429, retryable: true, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class InternalServerError extends RouterError {
  static override readonly kind: string = 'InternalServerError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, { status: 500, retryable: true, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** No HTTP answer at all: refused, reset, DNS, TLS. */
export class APIConnectionError extends RouterError {
  static override readonly kind: string = 'APIConnectionError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

export class ContextWindowExceededError extends BadRequestError {
  static override readonly kind: string = 'ContextWindowExceededError';
}

export class ContentPolicyViolationError extends BadRequestError {
  static override readonly kind: string = 'ContentPolicyViolationError';
}
