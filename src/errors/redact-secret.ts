/** What a secret is shown as, wherever one is hidden. */
export const REDACTED = '[redacted]';

/** Shorter values are left alone: redacting them would cut ordinary words out of messages. */
export const MIN_SECRET_CHARS = 4;

/** Removes a secret from text that may echo it (provider error messages sometimes do). */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < MIN_SECRET_CHARS || !text.includes(secret)) return text;
  return text.split(secret).join(REDACTED);
}

/** Removes every secret from text, in the order given (longest first, so a secret holding another goes whole). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redactSecret(redacted, secret);
  return redacted;
}
