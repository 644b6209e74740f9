import type { Router } from '../../router.js';
import type { CallTracker } from './call-tracker.js';

/** What the OpenAI routes share: the router they call and the tracker that matches its events to their calls. */
export interface OpenAIContext {
  readonly router: Router;
  readonly calls: CallTracker;
}
