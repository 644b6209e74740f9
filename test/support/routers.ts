import { Router, type DeploymentConfig, type RouterOptions } from 'switchyard';
import { afterThisTest } from './after-this-test.js';
import type { MockProviderServer, MockScript } from './mock-provider-server.js';
import { mockServer } from './mock-servers.js';

type OptionsBesideDeployments = Omit<RouterOptions, 'deployments'>;
type DeploymentExtra = (id: string) => Partial<DeploymentConfig>;

/** A router closed after the current test. */
export function testRouter(options: RouterOptions): Router {
  const router = new Router(options);
  afterThisTest(() => router.close());
  return router;
}

/** A mock server answering with `reply`, and a router whose one deployment is `deployment(server)`. */
export async function routerOnMockServer(
  reply: MockScript,
  deployment: (server: MockProviderServer) => DeploymentConfig,
  options: OptionsBesideDeployments = {},
): Promise<{ server: MockProviderServer; router: Router }> {
  const server = await mockServer(reply);
  return { server, router: testRouter({ ...options, deployments: [deployment(server)] }) };
}

/** One OpenAI-compatible deployment per server, its id the server's name, all of model 'm'. */
export function sameModelRouter(byId: Record<string, MockProviderServer>, options: OptionsBesideDeployments = {}, extra: DeploymentExtra = () => ({})): Router {
  return routerOverServers(byId, () => 'm', options, extra);
}

/** One OpenAI-compatible deployment per server, its id the server's name, each its own model of that name. */
export function modelPerServerRouter(
  byId: Record<string, MockProviderServer>,
  options: OptionsBesideDeployments = {},
  extra: DeploymentExtra = () => ({}),
): Router {
  return routerOverServers(byId, (id) => id, options, extra);
}

function routerOverServers(
  byId: Record<string, MockProviderServer>,
  modelOf: (id: string) => string,
  options: OptionsBesideDeployments,
  extra: DeploymentExtra,
): Router {
  return testRouter({
    ...options,
    deployments: Object.entries(byId).map(([id, server]) => ({ id, model: modelOf(id), provider: 'openai-compatible', baseUrl: server.url, ...extra(id) })),
  });
}
