import { APIConnectionError, TimeoutError } from '../errors/api-errors.js';
import type { RouterError } from '../errors/router-error.js';
import type { AttemptSignal } from './attempt-signal.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

export interface TransportErrorContext {
  provider: string;
  deploymentId: string;
  timeoutMs: number;
}

/**
 * Turns what undici threw into the error taxonomy. A caller's abort is not a provider
 * failure: its own reason is returned so it can be rethrown unchanged.
 */
export function transportError(error: unknown, attempt: AttemptSignal, context: TransportErrorContext): unknown {
  if (attempt.cause === 'caller') return attempt.callerReason;
  const base = { provider: context.provider, deploymentId: context.deploymentId, cause: error };
  if (attempt.cause === 'timeout') {
    return new TimeoutError(`Request to ${context.deploymentId} timed out after ${context.timeoutMs} ms`, base);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new TimeoutError(`Request to ${context.deploymentId} timed out (${code})`, base);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new APIConnectionError(`Connection to ${context.deploymentId} failed: ${detail}`, base) satisfies RouterError;
}
