import { mockProvider } from '../../providers/mock/mock-provider.js';
import { buildDeployment } from '../deployments/build-deployment.js';
import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentConfig } from '../deployments/deployment-config.js';
import type { DeploymentStats } from '../state/deployment-stats.js';
import { DEFAULT_STRATEGY_OPTIONS, type PickContext } from '../strategies/routing-strategy.js';

/** Deployments of one mock model group with stats slots, for calling strategies directly. */
export function deploymentsFor(count: number, stats: DeploymentStats, extra: (i: number) => Partial<DeploymentConfig> = () => ({})): Deployment[] {
  return Array.from({ length: count }, (_, i) => {
    const config: DeploymentConfig = { model: 'm', provider: 'mock', id: `d${i}`, ...extra(i) };
    const deployment = buildDeployment(config, `deployments[${i}]`, mockProvider, {}, []) as Deployment;
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
