import type { Router } from '../../router.js';
import type { KeyRegistry } from '../auth/key-registry.js';
import type { GatewayDatabase } from '../db/open-database.js';

/** What the admin routes work with. */
export interface AdminContext {
  readonly db: GatewayDatabase;
  readonly router: Router;
  /** Read after each write, so this replica serves the change at once (others within the feed's interval). */
  readonly registry: Pick<KeyRegistry, 'sync' | 'user'>;
  /** The gateway's clock: a key's `duration` counts from it. */
  readonly now: () => number;
  /** Writes the spend-log rows still queued, so an answer about spend counts every call answered so far. */
  flushSpend(): Promise<void>;
}
