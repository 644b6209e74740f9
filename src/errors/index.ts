export { RouterError, type AttemptRecord, type RouterErrorOptions } from './router-error.js';
export {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
  type RateLimitErrorOptions,
} from './api-errors.js';
export {
  BudgetExceededError,
  CallerRateLimitError,
  ConfigError,
  NoDeploymentAvailableError,
  StateStoreUnavailableError,
  StreamInterruptedError,
  type BudgetExceededErrorOptions,
  type CallerRateLimitErrorOptions,
  type ConfigIssue,
  type StreamInterruptedErrorOptions,
} from './router-side-errors.js';
export { errorFromStatus } from './error-from-status.js';
export { parseRetryAfterMs } from './retry-after.js';
export { redactSecret } from './redact-secret.js';
export { malformedAnswer } from './malformed-answer.js';
