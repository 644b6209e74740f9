const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Resolves on the first SIGINT or SIGTERM, which then stops the gateway gracefully; a second one
 * while it stops ends the process at once (exit code 130), without waiting for calls in flight.
 */
export function untilSignal(onSecond: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      for (const name of SIGNALS) {
        process.off(name, first);
        process.once(name, onSecond);
      }
      resolve(signal);
    };
    for (const name of SIGNALS) process.on(name, first);
  });
}
