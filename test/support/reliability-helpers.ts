import { Router, type RouterEventMap, type RouterEventName, type RouterOptions } from 'switchyard';
import { afterThisTest, mockServer } from './helpers.js';
import type { MockProviderServer, MockScript } from './mock-provider-server.js';
import { json, openAICompletion, openAIError } from './mock-replies.js';

export const ok = (content = 'ok') => json(openAICompletion(content));
export const failing = (status: number, headers?: Record<string, string>) => json(openAIError(`failed with ${status}`, 'server_error'), status, headers);

/** A hand-driven clock for cooldown timing. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** Servers named by deployment id, each answering with its script. */
export async function servers<const K extends string>(scripts: Record<K, MockScript>): Promise<Record<K, MockProviderServer>> {
  const out = {} as Record<K, MockProviderServer>;
  for (const [id, script] of Object.entries(scripts) as [K, MockScript][]) out[id] = await mockServer(script);
  return out;
}

/** One OpenAI-compatible deployment per server, grouped by the model given per id. */
export function routerOver(
  byId: Record<string, MockProviderServer>,
  modelOf: (id: string) => string,
  options: Omit<RouterOptions, 'deployments'> = {},
  extra: (id: string) => Record<string, unknown> = () => ({}),
): Router {
  const router = new Router({
    ...options,
    deployments: Object.entries(byId).map(([id, server]) => ({ id, model: modelOf(id), provider: 'openai-compatible', baseUrl: server.url, ...extra(id) })),
  });
  afterThisTest(() => router.close());
  return router;
}

/** Records every payload of the named events. */
export function record<E extends RouterEventName>(router: Router, ...names: E[]): { [K in E]: RouterEventMap[K][] } {
  const seen = Object.fromEntries(names.map((n) => [n, []])) as unknown as { [K in E]: RouterEventMap[K][] };
  for (const name of names) router.on(name, (e) => void (seen[name] as unknown[]).push(e));
  return seen;
}

export function callsOf(byId: Record<string, MockProviderServer>): Record<string, number> {
  return Object.fromEntries(Object.entries(byId).map(([id, s]) => [id, s.calls.length]));
}
