import { afterEach } from 'vitest';
import type { ChatCompletionChunk, ChatMessage } from 'switchyard';
import { MockProviderServer, type MockScript } from './mock-provider-server.js';

export const hi: ChatMessage[] = [{ role: 'user', content: 'hi' }];

/** mulberry32: a small seeded generator, so random routing is repeatable in tests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const openServers = new Set<MockProviderServer>();
const cleanups: Array<() => Promise<void> | void> = [];

/** A mock provider server closed after the current test. */
export async function mockServer(fallback?: MockScript): Promise<MockProviderServer> {
  const server = await MockProviderServer.start(fallback);
  openServers.add(server);
  return server;
}

/** Runs after the current test (routers to close, and so on). */
export function afterThisTest(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await Promise.all([...openServers].map((s) => s.close()));
  openServers.clear();
});

export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export function textOf(chunks: readonly ChatCompletionChunk[]): string {
  return chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
}

/** Resolves on the next occurrence of `predicate` becoming true, checked on each event-loop turn; bounded. */
export async function until(predicate: () => boolean, turns = 2_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}
