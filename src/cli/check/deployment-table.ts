import { BUILT_IN_PROVIDERS } from '../../../providers/index.js';
import type { DeploymentInfo } from '../../deployments/deployment.js';
import type { Router } from '../../router.js';
import { cell, textTable } from '../text-table.js';

/** What `check` learned of the prices: the models nothing prices, and why it could not tell when warming up failed. */
export interface PriceFindings {
  unpriced: ReadonlySet<string>;
  warmupFailure?: string;
}

/** The router's warning for a model it has no price for starts so (see PriceBook): `No price for openai/my-model:`. */
const UNPRICED = /^No price for (\S+):/;

/** Looks every deployment's price up, as the first calls would (`router.warmup()`), hearing which ones the router cannot price. */
export async function findPrices(router: Router): Promise<PriceFindings> {
  const unpriced = new Set<string>();
  const listen = ({ message }: { message: string }) => {
    const model = UNPRICED.exec(message)?.[1];
    if (model !== undefined) unpriced.add(model);
  };
  router.on('warning', listen);
  try {
    await router.warmup();
    return { unpriced };
  } catch (error) {
    return { unpriced, warmupFailure: error instanceof Error ? error.message : String(error) };
  } finally {
    router.off('warning', listen);
  }
}

const perMillion = (amount: number) => `$${Number(amount.toPrecision(6))}`;

function price(deployment: DeploymentInfo, findings: PriceFindings): string {
  const { pricing } = deployment;
  if (pricing) return `${perMillion(pricing.inputPerMTok)} in, ${perMillion(pricing.outputPerMTok)} out per 1M tokens`;
  if (findings.unpriced.has(`${deployment.provider}/${deployment.baseModel ?? deployment.providerModel}`)) return 'unknown: costs and budgets not counted';
  if (BUILT_IN_PROVIDERS.find((adapter) => adapter.name === deployment.provider)?.freeOfCharge) return 'free';
  return findings.warmupFailure === undefined ? 'known (price table)' : 'not checked';
}

function limits(deployment: DeploymentInfo): string {
  const parts = [
    deployment.rpm === undefined ? '' : `rpm ${deployment.rpm}`,
    deployment.tpm === undefined ? '' : `tpm ${deployment.tpm}`,
    deployment.maxConcurrency === undefined ? '' : `parallel ${deployment.maxConcurrency}`,
  ].filter(Boolean);
  return parts.length === 0 ? '-' : parts.join(', ');
}

/** One row per deployment: its group, provider, the provider's model, its id, its limits and whether its price is known. */
export function deploymentTable(deployments: readonly DeploymentInfo[], findings: PriceFindings): string[] {
  return textTable(
    ['model group', 'provider', 'provider model', 'id', 'limits', 'price'],
    deployments.map((d) => [d.model, d.provider, d.providerModel, cell(d.id), limits(d), price(d, findings)]),
  );
}
