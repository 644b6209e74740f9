import { ContextWindowExceededError, errorFromStatus, parseRetryAfterMs, redactSecret, type RouterError } from '../../src/errors/index.js';
import type { ProviderTarget, ResponseHeaders } from '../../src/provider-adapter.js';

const TOO_LONG = /input token count.*exceeds|exceeds the maximum number of tokens|too many tokens/i;

/** Google's error body `{ error: { code, message, status } }` as a typed error. */
export function parseGeminiError(status: number, bodyText: string, headers: ResponseHeaders, target: ProviderTarget): RouterError {
  let raw: string | undefined;
  let code: string | undefined;
  let httpStatus = status;
  try {
    const parsed = JSON.parse(bodyText) as { error?: { code?: unknown; message?: unknown; status?: unknown } };
    raw = typeof parsed.error?.message === 'string' ? parsed.error.message : undefined;
    code = typeof parsed.error?.status === 'string' ? parsed.error.status : undefined;
    if (typeof parsed.error?.code === 'number' && parsed.error.code >= 400) httpStatus = parsed.error.code;
  } catch {
    // Not JSON: the status says enough.
  }
  const message = redactSecret(`${target.provider} (${target.deploymentId}): ${raw ?? (bodyText.trim().slice(0, 500) || `HTTP ${status}`)}`, target.apiKey);
  const options = { status: httpStatus, provider: target.provider, deploymentId: target.deploymentId, code, retryAfterMs: parseRetryAfterMs(headers) };
  if (httpStatus === 400 && raw && TOO_LONG.test(raw)) return new ContextWindowExceededError(message, options);
  return errorFromStatus(httpStatus, message, options);
}
