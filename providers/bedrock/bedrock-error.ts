import * as z from 'zod';
import type { RouterError } from '../../src/errors/index.js';
import type { ProviderTarget, ResponseHeaders } from '../../src/provider-adapter.js';
import { lenientString } from '../shared/error-body-fields.js';
import { jsonErrorParser, providerError, readErrorBody, type ProviderErrorReading } from '../shared/provider-error.js';

/** An AWS error body: `{ message }` (some services write `Message`). The error's name comes apart from it. */
export const bedrockErrorBodySchema = z.lazy(() => z.object({ message: lenientString, Message: lenientString }));

export type BedrockErrorBody = z.infer<typeof bedrockErrorBodySchema>;

/** AWS exception names to the statuses AWS documents for them (ConverseStream's exception events included). */
const STATUS_OF: Readonly<Record<string, number>> = {
  ThrottlingException: 429,
  ServiceQuotaExceededException: 429,
  ModelNotReadyException: 429,
  ValidationException: 400,
  AccessDeniedException: 403,
  UnrecognizedClientException: 401,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
};

const TOO_LONG = /too long|too many (input )?tokens|context (length|window)|exceeds? .*max/i;
const GUARDRAIL = /guardrail|content filter/i;

/**
 * An exception name as the table spells it: `x-amzn-errortype` appends a namespace
 * (`ValidationException:http://…`), and event-stream frames start it lower-case (`throttlingException`).
 */
function exceptionName(errorType: string | undefined): string | undefined {
  const name = errorType?.split(':')[0];
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : undefined;
}

/** The model failed behind Bedrock (424, "retry your request"): retryable, though not a 5xx. */
const UPSTREAM_FAILURE = 424;

function classificationOf(status: number, message: string | undefined): ProviderErrorReading['classification'] {
  if (status === UPSTREAM_FAILURE) return 'upstream-failure';
  if (status !== 400 || message === undefined) return undefined;
  if (TOO_LONG.test(message)) return 'context-window-exceeded';
  if (GUARDRAIL.test(message)) return 'content-policy-violation';
  return undefined;
}

/** The exception's status (throttling is a 429); a validation failure about length or a guardrail is a context-window or content-policy failure. */
export function classifyBedrockError(body: BedrockErrorBody | undefined, status: number, errorType: string | undefined): ProviderErrorReading {
  const type = exceptionName(errorType);
  const raw = body?.message ?? body?.Message;
  const named = type ? STATUS_OF[type] : undefined;
  return {
    message: type && raw !== undefined ? `${type}: ${raw}` : (raw ?? type),
    code: type,
    status: named,
    classification: classificationOf(named ?? status, raw),
  };
}

function errorTypeHeader(headers: ResponseHeaders): string | undefined {
  const value = headers['x-amzn-errortype'];
  return typeof value === 'string' ? value : undefined;
}

/** A Bedrock error answer as a typed error, its exception named by `x-amzn-errortype`. */
export const parseBedrockError = jsonErrorParser(bedrockErrorBodySchema, (body, answer) =>
  classifyBedrockError(body, answer.status, errorTypeHeader(answer.headers)),
);

/** An exception frame of ConverseStream (`:exception-type`), the frame's payload kept as the body. */
export function bedrockStreamException(exceptionType: string, bodyText: string, target: ProviderTarget): RouterError {
  const answer = { status: 500, bodyText, headers: {} };
  return providerError(target, answer, classifyBedrockError(readErrorBody(bedrockErrorBodySchema, bodyText), answer.status, exceptionType));
}
