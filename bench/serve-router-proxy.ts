/**
 * The floor the gateway is read against (forked by gateway.ts): the least an HTTP hop in front of
 * a router can do on node:http — read the body, parse it, `router.completion`, write the answer as
 * JSON — with no keys, limits, events or metrics. Sends `{ url }` over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'switchyard';

const mockUrl = process.env.BENCH_MOCK_URL;
if (!mockUrl) throw new Error('serve-router-proxy.ts needs BENCH_MOCK_URL (the mock provider, forked first)');

const router = new Router({ deployments: [{ model: 'bench', provider: 'openai-compatible', baseUrl: mockUrl }] });
await router.warmup();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    const answer = JSON.stringify(await router.completion(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => void router.close().finally(() => process.exit(0)));
});

process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
