import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
  type RateLimitErrorOptions,
} from './api-errors.js';
import { RouterError } from './router-error.js';

/** The class for an HTTP error status, as openai-node maps them. */
export function errorFromStatus(status: number, message: string, options: RateLimitErrorOptions = {}): RouterError {
  const withStatus = { ...options, status };
  switch (status) {
    case 400:
      return new BadRequestError(message, withStatus);
    case 401:
      return new AuthenticationError(message, withStatus);
    case 403:
      return new PermissionDeniedError(message, withStatus);
    case 404:
      return new NotFoundError(message, withStatus);
    case 408:
      return new TimeoutError(message, withStatus);
    case 409:
      return new ConflictError(message, withStatus);
    case 422:
      return new UnprocessableEntityError(message, withStatus);
    case 429:
      return new RateLimitError(message, withStatus);
  }
  if (status >= 500) return new InternalServerError(message, withStatus);
  return new RouterError(message, { ...withStatus, retryable: false });
}
