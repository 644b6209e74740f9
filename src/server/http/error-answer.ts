import { APIConnectionError, RateLimitError } from '../../errors/api-errors.js';
import { RouterError } from '../../errors/router-error.js';
import { BudgetExceededError } from '../../errors/router-side-errors.js';
import type { HeaderList } from './exchange.js';

/** OpenAI's error body. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface ErrorAnswer {
  status: number;
  /** `retry-after` (seconds, rounded up) and `retry-after-ms` when the error says how long to wait. */
  headers: HeaderList;
  body: OpenAIErrorBody;
}

const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_denied',
  404: 'not_found_error',
  405: 'invalid_request_error',
  408: 'timeout_error',
  409: 'conflict_error',
  413: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'service_unavailable',
};

const typeFor = (status: number) => TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');

function statusOf(error: RouterError): number {
  const { status } = error;
  if (status !== undefined && Number.isInteger(status) && status >= 400 && status <= 599) return status;
  // No provider answered at all: the gateway could not reach upstream.
  return error instanceof APIConnectionError ? 502 : 500;
}

function retryHeaders(retryAfterMs: number | undefined): HeaderList {
  if (retryAfterMs === undefined || !(retryAfterMs >= 0)) return [];
  const ms = Math.ceil(retryAfterMs);
  return ['retry-after', String(Math.ceil(ms / 1_000)), 'retry-after-ms', String(ms)];
}

/**
 * What a failed call answers: the router error's status (a spent budget 400 `budget_exceeded`,
 * a caller or router rate limit 429 with its retry time), OpenAI's body shape. Anything that is
 * not a RouterError is a 500 whose message says nothing of it: it may hold what no client should read.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (!(error instanceof RouterError)) {
    return { status: 500, headers: [], body: { error: { message: 'The gateway failed to answer', type: 'api_error', param: null, code: null } } };
  }
  if (error instanceof BudgetExceededError) {
    return { status: 400, headers: [], body: { error: { message: error.message, type: 'budget_exceeded', param: null, code: 'budget_exceeded' } } };
  }
  const status = statusOf(error);
  const rateLimited = error instanceof RateLimitError;
  return {
    status,
    headers: rateLimited ? retryHeaders(error.retryAfterMs) : [],
    body: {
      error: {
        message: error.message,
        type: error.type ?? typeFor(status),
        param: error.param ?? null,
        code: error.code ?? (rateLimited ? 'rate_limit_exceeded' : null),
      },
    },
  };
}
