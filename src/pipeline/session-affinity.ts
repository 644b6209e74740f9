import { LRUCache } from 'lru-cache';

/** How long a session stays on the deployment that served it, without requests. */
const SESSION_AFFINITY_TTL_MS = 3_600_000;
const MAX_SESSIONS = 100_000;

/**
 * Which deployment served each session last. The cache is made with the first session:
 * it sets aside room for all its entries up front, which routers without sessions never need.
 */
export class SessionAffinity {
  #deployments: LRUCache<string, string> | undefined;

  get(sessionId: string): string | undefined {
    return this.#deployments?.get(sessionId);
  }

  set(sessionId: string, deploymentId: string): void {
    this.#deployments ??= new LRUCache({ max: MAX_SESSIONS, ttl: SESSION_AFFINITY_TTL_MS });
    this.#deployments.set(sessionId, deploymentId);
  }
}
