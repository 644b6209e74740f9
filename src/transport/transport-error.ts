import { APIConnectionError, TimeoutError } from '../errors/api-errors.js';
import type { AttemptSignal } from './attempt-signal.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

export interface TransportErrorContext {
  provider: string;
  deploymentId: string;
}

/**
 * Turns what undici (or an in-process adapter) threw into the error taxonomy. A caller's
 * abort is not a provider failure: its own reason is returned to be rethrown unchanged.
 */
export function transportError(error: unknown, attempt: AttemptSignal, context: TransportErrorContext): unknown {
  if (attempt.cause === 'caller') return attempt.callerReason;
  const base = { provider: context.provider, deploymentId: context.deploymentId, cause: error };
  const limit = attempt.expiredLimit;
  if (limit) {
    return new TimeoutError(`${context.deploymentId} timed out after ${limit.ms} ms (${limit.name})`, base);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new TimeoutError(`${context.deploymentId} timed out (${code})`, base);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new APIConnectionError(`Connection to ${context.deploymentId} failed: ${detail}`, base);
}
