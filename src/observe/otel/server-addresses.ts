import type { DeploymentInfo } from '../../deployments/deployment.js';

export interface ServerAddress {
  address: string;
  port: number;
}

function serverOf(baseUrl: string | undefined): ServerAddress | undefined {
  if (baseUrl === undefined || !URL.canParse(baseUrl)) return undefined;
  const url = new URL(baseUrl);
  const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
  return { address: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/**
 * `server.address` and `server.port` by deployment id, from the host of the deployment's
 * `baseUrl` (never its path or query). Read from `router.deployments()` when an unknown id
 * shows up, so deployments added later are found too. Deployments without a `baseUrl`
 * (the provider's default endpoint) have none.
 */
export class ServerAddresses {
  readonly #byId = new Map<string, ServerAddress | undefined>();
  readonly #list: () => DeploymentInfo[];

  constructor(list: () => DeploymentInfo[]) {
    this.#list = list;
  }

  of(deploymentId: string): ServerAddress | undefined {
    if (!this.#byId.has(deploymentId)) {
      for (const deployment of this.#list()) this.#byId.set(deployment.id, serverOf(deployment.baseUrl));
      if (!this.#byId.has(deploymentId)) this.#byId.set(deploymentId, undefined);
    }
    return this.#byId.get(deploymentId);
  }
}
