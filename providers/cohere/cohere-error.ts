import * as z from 'zod';
import type { RouterError } from '../../src/errors/index.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import { lenientString } from '../shared/error-body-fields.js';
import { jsonErrorParser, providerError, type FailedAnswer, type ProviderErrorReading } from '../shared/provider-error.js';

/** Cohere's `{ message }`. */
export const cohereErrorBodySchema = z.lazy(() => z.object({ message: lenientString }));

export type CohereErrorBody = z.infer<typeof cohereErrorBodySchema>;

const TOO_LONG = /too many tokens|exceeds? .*(context|token limit)|prompt is too long/i;

/** The status class; a 400 about too many tokens is a context-window failure. */
export function classifyCohereError(body: CohereErrorBody | undefined, answer: FailedAnswer): ProviderErrorReading {
  const message = body?.message;
  const tooLong = answer.status === 400 && message !== undefined && TOO_LONG.test(message);
  return { message, classification: tooLong ? 'context-window-exceeded' : undefined };
}

/** A Cohere error answer as a typed error. */
export const parseCohereError = jsonErrorParser(cohereErrorBodySchema, classifyCohereError);

/** A stream that ends with `message-end` carrying `delta.error`: a retryable server failure, the event kept as the body. */
export function cohereStreamError(eventText: string, message: string, target: ProviderTarget): RouterError {
  return providerError(target, { status: 500, bodyText: eventText, headers: {} }, { message });
}
