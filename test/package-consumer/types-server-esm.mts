import { Router } from 'switchyard';
import { loadConfig, type LoadedConfig } from 'switchyard/config';
import { createGateway, GatewayConfigError, type Gateway, type GatewayOptions } from 'switchyard/server';

export async function served(): Promise<Gateway> {
  const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
  const options: GatewayOptions = { router, masterKey: 'sk-master', database: 'sqlite::memory:', tagRouting: false };
  // @ts-expect-error masterKey is required
  await createGateway({ router });
  const loaded: LoadedConfig = await loadConfig('config.yaml');
  const warnings: string[] = loaded.warnings;
  void warnings;
  void GatewayConfigError;
  return createGateway(options);
}
