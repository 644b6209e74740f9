import * as z from 'zod';
import { lenientString } from '../shared/error-body-fields.js';
import { jsonErrorParser, type FailedAnswer, type ProviderErrorReading } from '../shared/provider-error.js';

/** Anthropic's `{ type: 'error', error: { type, message }, request_id }`. */
export const anthropicErrorBodySchema = z.lazy(() =>
  z.object({
    error: z.object({ type: lenientString, message: lenientString }),
    request_id: lenientString,
  }),
);

export type AnthropicErrorBody = z.infer<typeof anthropicErrorBodySchema>;

const PROMPT_TOO_LONG = /prompt is too long|too many tokens|context window|exceeds? the (maximum )?context/i;
/** The status Anthropic documents for `overloaded_error`, whatever the answer carried it. */
const OVERLOADED_STATUS = 529;

/** `overloaded_error` is a retryable 5xx; a prompt too long is a context-window failure. */
export function classifyAnthropicError(body: AnthropicErrorBody | undefined, answer: FailedAnswer): ProviderErrorReading {
  const type = body?.error.type;
  const message = body?.error.message;
  const tooLong = (answer.status === 400 || answer.status === 413) && message !== undefined && PROMPT_TOO_LONG.test(message);
  return {
    message,
    type,
    requestId: body?.request_id,
    status: type === 'overloaded_error' ? OVERLOADED_STATUS : undefined,
    classification: tooLong ? 'context-window-exceeded' : undefined,
  };
}

/** An Anthropic error answer, or an `error` event of its stream, as a typed error. */
export const parseAnthropicError = jsonErrorParser(anthropicErrorBodySchema, classifyAnthropicError);
