/**
 * The chaos benchmark's provider servers, in their own process (forked by chaos.ts):
 * rate-limited, slow, flaky, healthy, and a fallback. Sends their URLs over IPC.
 */
import { MockProviderServer } from '../test/support/mock-provider-server.js';
import { json, openAICompletion, openAIError } from '../test/support/mock-replies.js';

const answer = (content: string) => openAICompletion(content, { prompt_tokens: 20, completion_tokens: 10 });
let flakyCalls = 0;

const servers = {
  limited: await MockProviderServer.start(json(openAIError('Rate limit reached', 'requests', 'rate_limit_exceeded'), 429, { 'retry-after': '1' })),
  slow: await MockProviderServer.start({ kind: 'json', body: answer('slow'), delayMs: 250 }),
  // Every tenth call fails: 10% 500s, deterministically.
  flaky: await MockProviderServer.start(() => (++flakyCalls % 10 === 0 ? json(openAIError('boom', 'server_error'), 500) : json(answer('flaky')))),
  healthy: await MockProviderServer.start(json(answer('healthy'))),
  backup: await MockProviderServer.start(json(answer('backup'))),
};

setInterval(() => {
  for (const server of Object.values(servers)) server.calls.length = 0;
}, 1_000).unref();

process.on('disconnect', () => {
  void Promise.all(Object.values(servers).map((s) => s.close())).finally(() => process.exit(0));
});

process.send?.(Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.url])));
