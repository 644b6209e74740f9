import {
  ContextWindowExceededError,
  errorFromStatus,
  InternalServerError,
  parseRetryAfterMs,
  redactSecret,
  type RouterError,
} from '../../src/errors/index.js';
import type { ProviderTarget, ResponseHeaders } from '../../src/provider-adapter.js';

const PROMPT_TOO_LONG = /prompt is too long|too many tokens|context window|exceeds? the (maximum )?context/i;

function readError(bodyText: string): { type?: string; message?: string } {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { type?: unknown; message?: unknown } };
    const error = parsed?.error;
    return { type: typeof error?.type === 'string' ? error.type : undefined, message: typeof error?.message === 'string' ? error.message : undefined };
  } catch {
    return {};
  }
}

/** An Anthropic error answer as a typed error: `overloaded_error` (529) is a retryable 5xx, a prompt too long is a context-window error. */
export function parseAnthropicError(status: number, bodyText: string, headers: ResponseHeaders, target: ProviderTarget): RouterError {
  const { type, message: raw } = readError(bodyText);
  const message = redactSecret(`${target.provider} (${target.deploymentId}): ${raw ?? (bodyText.trim().slice(0, 500) || `HTTP ${status}`)}`, target.apiKey);
  const requestId = headers['request-id'];
  const options = {
    status,
    provider: target.provider,
    deploymentId: target.deploymentId,
    type,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    retryAfterMs: parseRetryAfterMs(headers),
  };
  if ((status === 400 || status === 413) && raw && PROMPT_TOO_LONG.test(raw)) return new ContextWindowExceededError(message, options);
  if (type === 'overloaded_error' || status === 529) return new InternalServerError(message, options);
  return errorFromStatus(status, message, options);
}
