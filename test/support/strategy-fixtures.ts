import type { Router, RoutingStrategy } from 'switchyard';
import { hi } from './chat-fixtures.js';
import { record } from './events.js';

/** Always the first candidate: whatever a router test sees avoided, the router filtered out. */
export const firstCandidate: RoutingStrategy = { name: 'first', pick: (candidates) => candidates[0]! };

export function countBy(ids: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

/** Makes `calls` calls to model 'm' one after another; how many each deployment served. */
export async function served(router: Router, calls: number): Promise<Record<string, number>> {
  const events = record(router, 'success');
  for (let i = 0; i < calls; i++) await router.completion({ model: 'm', messages: hi });
  return countBy(events.success.map((e) => e.deploymentId));
}
