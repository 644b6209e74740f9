import * as z from 'zod';

// Error bodies vary between a provider's endpoints and the servers that imitate it: a field
// of an unexpected type is read as absent, so it cannot hide the rest of the body.

/** A string field, absent when the body sends anything else. */
export const lenientString = z.lazy(() => z.string().optional().catch(undefined));

/** A code sent as a string or a number, as a string. */
export const lenientCode = z.lazy(() =>
  z
    .union([z.string(), z.number().transform(String)])
    .optional()
    .catch(undefined),
);

/** An integer field, absent when the body sends anything else. */
export const lenientInteger = z.lazy(() => z.number().int().optional().catch(undefined));
