import type { ResponseHeaders } from '../provider-adapter.js';

const KINDS = Symbol.for('switchyard.error.kinds');

export interface RouterErrorOptions {
  status?: number;
  provider?: string;
  deploymentId?: string;
  retryable?: boolean;
  cause?: unknown;
  /** Provider error code, e.g. `context_length_exceeded`. */
  code?: string;
  /** Provider error type, e.g. `invalid_request_error`. */
  type?: string;
  /** The request parameter the provider blamed. */
  param?: string;
  /** The provider's request id (`x-request-id`), for support tickets. */
  requestId?: string;
  /** The provider's error body: parsed JSON when it parses, else the text (secrets redacted). */
  body?: unknown;
  /** The headers of the provider's error answer (secrets redacted). */
  headers?: ResponseHeaders;
}

type ErrorClass = { readonly kind: string };

/** One failed attempt of a call, as listed on the error the call ends with. */
export interface AttemptRecord {
  deploymentId: string;
  /** The model group it was tried for. */
  model: string;
  provider: string;
  /** Error class name. */
  error: string;
  status: number | undefined;
  latencyMs: number;
}

/** The class names of a switchyard error, most specific first (empty for anything else). */
export function errorKindsOf(error: unknown): readonly string[] {
  const kinds = typeof error === 'object' && error !== null ? (error as { [KINDS]?: unknown })[KINDS] : undefined;
  return Array.isArray(kinds) ? (kinds as string[]) : [];
}

/**
 * Base of every error switchyard throws. `instanceof` works across duplicated package
 * copies and between the ESM and CJS builds: it checks a registered marker, not the prototype.
 */
export class RouterError extends Error {
  static readonly kind: string = 'RouterError';
  readonly status: number | undefined;
  readonly provider: string | undefined;
  readonly deploymentId: string | undefined;
  readonly retryable: boolean;
  readonly code: string | undefined;
  readonly type: string | undefined;
  readonly param: string | undefined;
  readonly requestId: string | undefined;
  /** The provider's error body, as openai-node keeps it: parsed JSON when it parses, else the text. Undefined for errors no provider answered. */
  readonly body: unknown;
  /** The headers of the provider's error answer. Undefined for errors no provider answered. */
  readonly headers: ResponseHeaders | undefined;
  /** Every failed attempt of the call, in order, when the router gave up. */
  attempts: readonly AttemptRecord[] | undefined;
  declare readonly [KINDS]: readonly string[];

  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'kind')) kinds.push((c as unknown as ErrorClass).kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
    this.name = kinds[0] ?? 'RouterError';
    this.status = options.status;
    this.provider = options.provider;
    this.deploymentId = options.deploymentId;
    this.retryable = options.retryable ?? false;
    this.code = options.code;
    this.type = options.type;
    this.param = options.param;
    this.requestId = options.requestId;
    this.body = options.body;
    this.headers = options.headers;
    this.attempts = undefined;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return errorKindsOf(value).includes((this as unknown as ErrorClass).kind);
  }
}
