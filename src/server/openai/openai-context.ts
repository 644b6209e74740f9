import type { Router } from '../../router.js';
import type { CallTracker } from './call-tracker.js';

/** What the OpenAI routes share: the router they call and the tracker that matches its events to their calls. */
export interface OpenAIContext {
  readonly router: Router;
  readonly calls: CallTracker;
  /** The body's tags pick deployments and count against tag budgets (`tagRouting`), or only label the call. */
  readonly tagRouting: boolean;
}
