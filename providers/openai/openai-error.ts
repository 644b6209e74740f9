import {
  ContentPolicyViolationError,
  ContextWindowExceededError,
  errorFromStatus,
  parseRetryAfterMs,
  redactSecret,
  type RouterError,
} from '../../src/errors/index.js';
import type { ProviderTarget, ResponseHeaders } from '../../src/provider-adapter.js';

interface OpenAIErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  param?: unknown;
}

const CONTEXT_WINDOW_CODES = new Set(['context_length_exceeded', 'string_above_max_length']);
const CONTEXT_WINDOW_TEXT = /context length|context window|maximum context|too many tokens|prompt is too long|input is too long/i;
const CONTENT_POLICY_CODES = new Set(['content_filter', 'content_policy_violation']);
const CONTENT_POLICY_TEXT = /content management policy|content policy|content filter|safety system/i;

const asString = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function readErrorBody(bodyText: string): OpenAIErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const inner = (parsed as { error?: unknown }).error;
    if (inner && typeof inner === 'object') return inner as OpenAIErrorBody;
    if (typeof inner === 'string') return { message: inner };
    return parsed as OpenAIErrorBody;
  } catch {
    return undefined;
  }
}

/** An OpenAI-style error answer as a typed error: status class, or the context-window and content-policy cases. */
export function parseOpenAIError(
  status: number,
  bodyText: string,
  headers: ResponseHeaders,
  target: ProviderTarget,
): RouterError {
  const body = readErrorBody(bodyText);
  const rawMessage = asString(body?.message) ?? (bodyText.trim().slice(0, 500) || `HTTP ${status}`);
  const message = redactSecret(`${target.provider} (${target.deploymentId}): ${rawMessage}`, target.apiKey);
  const code = asString(body?.code);
  const options = {
    status,
    provider: target.provider,
    deploymentId: target.deploymentId,
    code,
    type: asString(body?.type),
    param: asString(body?.param),
    requestId: asString(headers['x-request-id']),
    retryAfterMs: parseRetryAfterMs(headers),
  };
  if (status === 400 || status === 413 || status === 422) {
    if ((code && CONTEXT_WINDOW_CODES.has(code)) || CONTEXT_WINDOW_TEXT.test(rawMessage)) {
      return new ContextWindowExceededError(message, options);
    }
  }
  if (status === 400 || status === 403 || status === 422) {
    if ((code && CONTENT_POLICY_CODES.has(code)) || CONTENT_POLICY_TEXT.test(rawMessage)) {
      return new ContentPolicyViolationError(message, options);
    }
  }
  return errorFromStatus(status, message, options);
}
