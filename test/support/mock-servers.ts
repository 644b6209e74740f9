import { afterThisTest } from './after-this-test.js';
import { MockProviderServer, type MockScript } from './mock-provider-server.js';

/** A mock provider server closed after the current test. */
export async function mockServer(fallback?: MockScript): Promise<MockProviderServer> {
  const server = await MockProviderServer.start(fallback);
  afterThisTest(() => server.close());
  return server;
}

/** Servers by name (the deployment id they will serve), each answering with its script. */
export async function mockServers<const K extends string>(scripts: Record<K, MockScript>): Promise<Record<K, MockProviderServer>> {
  const out = {} as Record<K, MockProviderServer>;
  for (const [id, script] of Object.entries(scripts) as [K, MockScript][]) out[id] = await mockServer(script);
  return out;
}

/** How many calls each named server has had. */
export function callsOf(byId: Record<string, MockProviderServer>): Record<string, number> {
  return Object.fromEntries(Object.entries(byId).map(([id, s]) => [id, s.calls.length]));
}

/**
 * An address where nothing listens, so connecting is refused at once. Port 1 is privileged
 * and never given out by listen(0), so no other test's server can be there.
 */
export const REFUSED_URL = 'http://127.0.0.1:1/v1';
