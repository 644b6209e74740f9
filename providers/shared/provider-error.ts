import type { ZodType } from 'zod';
import {
  ContentPolicyViolationError,
  ContextWindowExceededError,
  errorFromStatus,
  InternalServerError,
  parseRetryAfterMs,
  type RouterError,
} from '../../src/errors/index.js';
import { deploymentSecrets } from '../../src/errors/deployment-secrets.js';
import { redactSecrets } from '../../src/errors/redact-secret.js';
import type { HttpChatAdapter, ProviderTarget, ResponseHeaders } from '../../src/provider-adapter.js';

/** A provider's failed answer as it arrived: an HTTP error, or an in-band stream error (no headers of its own). */
export interface FailedAnswer {
  status: number;
  bodyText: string;
  headers: ResponseHeaders;
}

/** What a provider's error body says, as its `<p>-error.ts` reads it. */
export interface ProviderErrorReading {
  /** The provider's own message; without one, the start of the body stands in. */
  message?: string;
  /** The status to classify by, when the body names a truer one than the answer (Google's `error.code`, an AWS exception). */
  status?: number;
  code?: string;
  type?: string;
  param?: string;
  requestId?: string;
  /**
   * A failure its status does not tell apart from other 400s; or `upstream-failure`: a failure
   * the provider says to retry whose status is not a 5xx (AWS's 424 model errors), a retryable
   * `InternalServerError` that keeps its status.
   */
  classification?: 'context-window-exceeded' | 'content-policy-violation' | 'upstream-failure';
}

/** Reads a provider's error body; `body` is undefined when the text is not JSON of the provider's documented shape. */
export type ProviderErrorClassifier<Body> = (body: Body | undefined, answer: FailedAnswer) => ProviderErrorReading;

const MESSAGE_FROM_BODY_CHARS = 500;
/** Where providers put their request id: OpenAI and most others, Anthropic, AWS. */
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid'] as const;

function redactedHeaders(headers: ResponseHeaders, secrets: readonly string[]): ResponseHeaders {
  const redacted: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    redacted[name] = Array.isArray(value) ? value.map((item) => redactSecrets(item, secrets)) : value === undefined ? undefined : redactSecrets(value, secrets);
  }
  return redacted;
}

function requestIdOf(headers: ResponseHeaders): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The typed error for a provider's failed answer: the class its status (or the reading's
 * classification) calls for, a message naming the deployment, `retryAfterMs` from the
 * headers, and the body and headers kept, with the deployment's secrets (key, header values,
 * base URL query values) redacted from all of it.
 */
export function providerError(target: ProviderTarget, answer: FailedAnswer, reading: ProviderErrorReading): RouterError {
  const secrets = deploymentSecrets(target);
  const redact = (text: string) => redactSecrets(text, secrets);
  const redactOptional = (text: string | undefined) => (text === undefined ? undefined : redact(text));
  const bodyText = redact(answer.bodyText);
  const headers = redactedHeaders(answer.headers, secrets);
  const said = reading.message ?? (bodyText.trim().slice(0, MESSAGE_FROM_BODY_CHARS) || `HTTP ${answer.status}`);
  const message = redact(`${target.provider} (${target.deploymentId}): ${said}`);
  const status = reading.status ?? answer.status;
  const options = {
    status,
    provider: target.provider,
    deploymentId: target.deploymentId,
    code: redactOptional(reading.code),
    type: redactOptional(reading.type),
    param: redactOptional(reading.param),
    requestId: redactOptional(reading.requestId) ?? requestIdOf(headers),
    retryAfterMs: parseRetryAfterMs(headers),
    body: jsonOrText(bodyText),
    headers,
  };
  switch (reading.classification) {
    case 'context-window-exceeded':
      return new ContextWindowExceededError(message, options);
    case 'content-policy-violation':
      return new ContentPolicyViolationError(message, options);
    case 'upstream-failure':
      return new InternalServerError(message, options);
    default:
      return errorFromStatus(status, message, options);
  }
}

/** A body read against a provider's error schema; undefined when it is not JSON or not that shape. */
export function readErrorBody<Body>(schema: ZodType<Body>, bodyText: string): Body | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** An adapter's `parseError` from a provider's error schema and its classifier. */
export function jsonErrorParser<Body>(schema: ZodType<Body>, classify: ProviderErrorClassifier<Body>): HttpChatAdapter['parseError'] {
  return (status, bodyText, headers, target) => {
    const answer = { status, bodyText, headers };
    return providerError(target, answer, classify(readErrorBody(schema, bodyText), answer));
  };
}
