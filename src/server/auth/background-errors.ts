/** The same failure is told again after this long at most: a database down for minutes is told a few times, not every poll. */
const REPEAT_AFTER_MS = 60_000;

/**
 * Tells failures of the gateway's background work (reading the change feed, restoring spend,
 * writing spend logs) as process warnings (`SwitchyardGatewayWarning`), each message once a minute
 * at most. Messages come from the database driver and name tokens (key hashes), never keys.
 */
export function backgroundErrors(): (error: unknown) => void {
  const toldAt = new Map<string, number>();
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    if ((toldAt.get(message) ?? -Infinity) > now - REPEAT_AFTER_MS) return;
    if (toldAt.size > 100) toldAt.clear();
    toldAt.set(message, now);
    process.emitWarning(`switchyard gateway: ${message}`, { type: 'SwitchyardGatewayWarning' });
  };
}
