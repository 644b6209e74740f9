import type { DeploymentStats } from '../state/deployment-stats.js';
import type { StrategyReads } from '../strategies/routing-strategy.js';

/** Which declaration covers each of the stats' columns (see `StrategyReads`). */
const DECLARED_BY: ReadonlyMap<PropertyKey, keyof StrategyReads> = new Map<PropertyKey, keyof StrategyReads>([
  ['inFlight', 'usage'],
  ['minute', 'usage'],
  ['requestsThisMinute', 'usage'],
  ['tokensThisMinute', 'usage'],
  ['outputMean', 'usage'],
  ['outputCount', 'usage'],
  ['latency', 'latency'],
  ['ttft', 'latency'],
]);

/** `stats` seen through a proxy that notes which kinds of stats are read through it. */
export function watchReads(stats: DeploymentStats): { stats: DeploymentStats; read: Set<keyof StrategyReads> } {
  const read = new Set<keyof StrategyReads>();
  const watched = new Proxy(stats, {
    get(target, property, receiver) {
      const kind = DECLARED_BY.get(property);
      if (kind) read.add(kind);
      return Reflect.get(target, property, receiver);
    },
  });
  return { stats: watched, read };
}
