import { APIConnectionError, TimeoutError } from '../errors/api-errors.js';
import { deploymentSecrets } from '../errors/deployment-secrets.js';
import { redactSecrets } from '../errors/redact-secret.js';
import { withoutSecrets } from '../errors/without-secrets.js';
import type { ProviderTarget } from '../provider-adapter.js';
import type { AttemptSignal } from './attempt-signal.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** The deployment an attempt went to: who to name, and the credentials to keep out of what the error carries. */
export type TransportErrorContext = Pick<ProviderTarget, 'provider' | 'deploymentId' | 'apiKey' | 'baseUrl' | 'headers' | 'params'>;

/** What was thrown as text; a value without one (a prototype-less object) by its kind. */
function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Turns what undici (or an in-process adapter) threw into the error taxonomy. A caller's
 * abort is not a provider failure: its own reason is returned to be rethrown unchanged. The
 * raw error becomes the cause with the deployment's secrets redacted from all of it (an
 * undici or URL error may hold the request's URL, query-string key and all).
 */
export function transportError(error: unknown, attempt: AttemptSignal, context: TransportErrorContext): unknown {
  if (attempt.cause === 'caller') return attempt.callerReason;
  const secrets = deploymentSecrets(context);
  const base = { provider: context.provider, deploymentId: context.deploymentId, cause: withoutSecrets(error, secrets) };
  const limit = attempt.expiredLimit;
  if (limit) {
    return new TimeoutError(`${context.deploymentId} timed out after ${limit.ms} ms (${limit.name})`, base);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new TimeoutError(`${context.deploymentId} timed out (${code})`, base);
  }
  const detail = textOf(error instanceof Error ? error.message : error);
  return new APIConnectionError(redactSecrets(`Connection to ${context.deploymentId} failed: ${detail}`, secrets), base);
}
