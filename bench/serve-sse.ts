/**
 * Per-chunk SSE through the gateway's writer (NodeExchange + writeEventStream) against plain
 * `res.write` of the same events, on one node:http server in its own process (forked by
 * gateway.ts). `GET /raw?chunks=N` and `GET /gateway?chunks=N` each send N chat chunks and
 * `[DONE]`. Sends `{ url }` over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeEventStream } from '../src/server/http/event-stream.js';
import { NodeExchange } from '../src/server/http/node-exchange.js';

const chunk = (index: number) => ({
  id: 'chatcmpl-bench',
  object: 'chat.completion.chunk',
  created: 1_741_569_952,
  model: 'bench',
  choices: [{ index: 0, delta: { content: `word${index} ` }, logprobs: null, finish_reason: null }],
});

/** The chunks as the router hands them: one at a time, from an async iterable. */
async function* chunks(count: number) {
  for (let i = 0; i < count; i++) yield chunk(i);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const count = Number(url.searchParams.get('chunks') ?? 1_000);
  if (url.pathname === '/raw') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for await (const event of chunks(count)) {
      if (!res.write(`data: ${JSON.stringify(event)}\n\n`)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end('data: [DONE]\n\n');
    return;
  }
  const exchange = new NodeExchange(req, res, '');
  const sink = exchange.stream(200, ['content-type', 'text/event-stream', 'cache-control', 'no-cache', 'x-request-id', 'bench']);
  await writeEventStream(sink, chunks(count), exchange.signal);
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
