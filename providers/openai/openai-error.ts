import * as z from 'zod';
import { lenientCode, lenientString } from '../shared/error-body-fields.js';
import { jsonErrorParser, type FailedAnswer, type ProviderErrorReading } from '../shared/provider-error.js';

const openAIErrorDetailSchema = z.lazy(() => z.object({ message: lenientString, type: lenientString, code: lenientCode, param: lenientString }));

export type OpenAIErrorDetail = z.infer<typeof openAIErrorDetailSchema>;

/**
 * OpenAI's `{ error: { message, type, param, code } }`, read as its `error`. Servers that
 * imitate it also send `{ error: "text" }` or the fields at the top level (vLLM, with a numeric code).
 */
export const openAIErrorBodySchema: z.ZodType<OpenAIErrorDetail> = z.lazy(() =>
  z.union([
    z
      .object({ error: z.union([openAIErrorDetailSchema, z.string().transform((message): OpenAIErrorDetail => ({ message }))]) })
      .transform((body) => body.error),
    openAIErrorDetailSchema,
  ]),
);

const CONTEXT_WINDOW_CODES = new Set(['context_length_exceeded', 'string_above_max_length']);
const CONTEXT_WINDOW_TEXT = /context length|context window|maximum context|too many tokens|prompt is too long|input is too long/i;
const CONTENT_POLICY_CODES = new Set(['content_filter', 'content_policy_violation']);
const CONTENT_POLICY_TEXT = /content management policy|content policy|content filter|safety system/i;

function classificationOf(status: number, code: string | undefined, text: string): ProviderErrorReading['classification'] {
  if ((status === 400 || status === 413 || status === 422) && ((code && CONTEXT_WINDOW_CODES.has(code)) || CONTEXT_WINDOW_TEXT.test(text))) {
    return 'context-window-exceeded';
  }
  if ((status === 400 || status === 403 || status === 422) && ((code && CONTENT_POLICY_CODES.has(code)) || CONTENT_POLICY_TEXT.test(text))) {
    return 'content-policy-violation';
  }
  return undefined;
}

/** The status class, or a context-window or content-policy failure told by its code or, from servers that send no code, its text. */
export function classifyOpenAIError(error: OpenAIErrorDetail | undefined, answer: FailedAnswer): ProviderErrorReading {
  return {
    message: error?.message,
    code: error?.code,
    type: error?.type,
    param: error?.param,
    classification: classificationOf(answer.status, error?.code, error?.message ?? answer.bodyText),
  };
}

/** An OpenAI-style error answer (OpenAI, Azure, every OpenAI-compatible server) as a typed error. */
export const parseOpenAIError = jsonErrorParser(openAIErrorBodySchema, classifyOpenAIError);
