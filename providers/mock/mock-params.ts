import * as z from 'zod';

export const mockParamsSchema = z.lazy(() =>
  z.strictObject({
    /** The answer's text. */
    content: z.string({ error: 'expected a string' }).optional(),
    /** Delay before the answer (streams: before the first chunk). */
    latencyMs: z.number({ error: 'expected milliseconds of 0 or more' }).nonnegative({ error: 'expected milliseconds of 0 or more' }).optional(),
    /** Usage to report; by default estimated at four characters a token. */
    usage: z
      .strictObject({
        prompt_tokens: z.number().int().nonnegative().optional(),
        completion_tokens: z.number().int().nonnegative().optional(),
        cached_tokens: z.number().int().nonnegative().optional(),
      })
      .optional(),
    /** Fail with this HTTP status: always, or at `errorRate`. */
    errorStatus: z
      .number({ error: 'expected an HTTP status from 400 to 599' })
      .int()
      .min(400, { error: 'expected an HTTP status from 400 to 599' })
      .max(599, { error: 'expected an HTTP status from 400 to 599' })
      .optional(),
    /** Fraction of calls that fail (with `errorStatus`, else 500). */
    errorRate: z
      .number({ error: 'expected a fraction from 0 to 1' })
      .min(0, { error: 'expected a fraction from 0 to 1' })
      .max(1, { error: 'expected a fraction from 0 to 1' })
      .optional(),
    /** `retry-after` carried by an injected 429, in milliseconds. */
    retryAfterMs: z.number().nonnegative().optional(),
  }),
);

export type MockParams = z.infer<typeof mockParamsSchema>;
