/**
 * `error.type`: the error's class (RouterError subclasses name their kind: RateLimitError,
 * TimeoutError…), `_OTHER` for a thrown non-Error. Never the message, which may quote a
 * provider's answer.
 */
export function errorType(error: unknown): string {
  return error instanceof Error && error.name !== '' ? error.name : '_OTHER';
}
