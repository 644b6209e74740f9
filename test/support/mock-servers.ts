import { createServer } from 'node:net';
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

/** An OpenAI-style base URL on a loopback port nothing listens on: connecting is refused. */
export async function refusedUrl(): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  return `http://127.0.0.1:${port}/v1`;
}
