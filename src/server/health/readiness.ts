import type { StateEvent } from '../../events/event-types.js';
import type { Router } from '../../router.js';

/** Something the gateway needs in order to serve: `check` throws (or rejects) with the reason when it is not there. */
export interface ReadinessCheck {
  /** The key of its entry in `/health/readiness`, e.g. 'database'. */
  name: string;
  check(): Promise<void> | void;
}

/** How long one check may take before it counts as failed. */
export const READINESS_CHECK_MS = 2_000;

/**
 * The router's shared state store (Redis), as its `state` events tell: not ready from the
 * event that says it does not answer until the one that says it is back. Without a shared
 * store no event comes and it is always ready.
 */
export function stateStoreReadiness(router: Router): { check: ReadinessCheck; stop(): void } {
  let down: string | undefined;
  const listener = ({ available, reason }: StateEvent) => {
    down = available ? undefined : (reason ?? 'unavailable');
  };
  router.on('state', listener);
  return {
    check: {
      name: 'state',
      check: () => {
        if (down !== undefined) throw new Error(`the shared state store does not answer (${down})`);
      },
    },
    stop: () => router.off('state', listener),
  };
}

/** Runs every check at once, each bounded by READINESS_CHECK_MS: 'ok' or why not, by name. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[]): Promise<{ ready: boolean; results: Record<string, string> }> {
  const results: Record<string, string> = {};
  let ready = true;
  await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not answer within ${READINESS_CHECK_MS} ms`)), READINESS_CHECK_MS);
      });
      try {
        await Promise.race([Promise.resolve().then(check), late]);
        results[name] = 'ok';
      } catch (error) {
        ready = false;
        results[name] = error instanceof Error ? error.message : String(error);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready, results };
}
