/**
 * The benchmark's mock OpenAI server, run in its own process (forked by overhead.ts) so its
 * work does not share an event loop with the client being measured. Sends `{ url }` over IPC.
 */
import { MockProviderServer } from '../test/support/mock-provider-server.js';
import { openAICompletion } from '../test/support/mock-replies.js';

const server = await MockProviderServer.start({ kind: 'json', body: openAICompletion('Hello from the benchmark mock.') });

// The mock records every call; over a long run that grows the heap and GC time here.
setInterval(() => {
  server.calls.length = 0;
}, 1_000).unref();

// The parent going away (normally or not) closes the IPC channel: stop with it.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});

process.send?.({ url: server.url });
