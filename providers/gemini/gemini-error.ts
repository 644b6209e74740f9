import * as z from 'zod';
import { lenientInteger, lenientString } from '../shared/error-body-fields.js';
import { jsonErrorParser, type FailedAnswer, type ProviderErrorReading } from '../shared/provider-error.js';

/** Google's `{ error: { code, message, status } }`: `code` the HTTP status, `status` the gRPC name (`RESOURCE_EXHAUSTED`). */
export const geminiErrorBodySchema = z.lazy(() =>
  z.object({
    error: z.object({ code: lenientInteger, message: lenientString, status: lenientString }),
  }),
);

export type GeminiErrorBody = z.infer<typeof geminiErrorBodySchema>;

const TOO_LONG = /input token count.*exceeds|exceeds the maximum number of tokens|too many tokens/i;

/** The body's own status wins (an in-band stream error arrives under a 200); a 400 about the token count is a context-window failure. */
export function classifyGeminiError(body: GeminiErrorBody | undefined, answer: FailedAnswer): ProviderErrorReading {
  const error = body?.error;
  const bodyStatus = error?.code !== undefined && error.code >= 400 ? error.code : undefined;
  const status = bodyStatus ?? answer.status;
  const tooLong = status === 400 && error?.message !== undefined && TOO_LONG.test(error.message);
  return {
    message: error?.message,
    code: error?.status,
    status: bodyStatus,
    classification: tooLong ? 'context-window-exceeded' : undefined,
  };
}

/** A Gemini error answer, or an error event of its stream, as a typed error. */
export const parseGeminiError = jsonErrorParser(geminiErrorBodySchema, classifyGeminiError);
