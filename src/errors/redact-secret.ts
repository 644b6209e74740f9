/** Removes a secret from text that may echo it (provider error messages sometimes do). */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.split(secret).join('[redacted]');
}
