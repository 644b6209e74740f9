import { BUILT_IN_PROVIDERS } from '../../providers/index.js';
import type { Deployment, DeploymentConfig, PickContext, RoutingStrategy , DeploymentStats} from 'switchyard';
import { LeastBusyStrategy, LeastLatencyStrategy, LowestCostStrategy, MostHeadroomStrategy, RoundRobinStrategy, SimpleShuffleStrategy } from 'switchyard';
import { buildDeployment } from '../../src/deployments/build-deployment.js';
import { DEFAULT_STRATEGY_OPTIONS } from '../../src/strategies/routing-strategy.js';

const mock = BUILT_IN_PROVIDERS.find((p) => p.name === 'mock');

/** Deployments of one mock model group with stats slots, for calling strategies directly. */
export function deploymentsFor(count: number, stats: DeploymentStats, extra: (i: number) => Partial<DeploymentConfig> = () => ({})): Deployment[] {
  return Array.from({ length: count }, (_, i) => {
    const config: DeploymentConfig = { model: 'm', provider: 'mock', id: `d${i}`, ...extra(i) };
    const deployment = buildDeployment(config, `deployments[${i}]`, mock!, {}, []) as Deployment;
    deployment.stats.slot = stats.allocate();
    return deployment;
  });
}

export function contextFor(stats: DeploymentStats, random: () => number, now = () => 1_700_000_000_000, promptTokens = 100): PickContext {
  return {
    model: 'm',
    request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    random,
    now,
    stats,
    promptTokens: () => promptTokens,
    pricing: (deployment) => deployment.pricing,
    options: DEFAULT_STRATEGY_OPTIONS,
  };
}

export const STRATEGIES: ReadonlyArray<[string, () => RoutingStrategy]> = [
  ['simple-shuffle', () => new SimpleShuffleStrategy()],
  ['round-robin', () => new RoundRobinStrategy()],
  ['least-busy', () => new LeastBusyStrategy()],
  ['least-latency', () => new LeastLatencyStrategy()],
  ['cost', () => new LowestCostStrategy()],
  ['usage', () => new MostHeadroomStrategy()],
];
