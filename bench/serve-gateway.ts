/**
 * The gateway under benchmark, in its own process (forked by gateway.ts): a router on the mock
 * provider at BENCH_MOCK_URL, and the gateway in front of it on a loopback port. Sends
 * `{ url, keys }` over IPC: each key a client side of the benchmark calls with.
 */
import { Router } from 'switchyard';
import { createGateway } from 'switchyard/server';

const MASTER_KEY = 'sk-bench-master-key';

const mockUrl = process.env.BENCH_MOCK_URL;
if (!mockUrl) throw new Error('serve-gateway.ts needs BENCH_MOCK_URL (the mock provider, forked first)');

const router = new Router({ deployments: [{ model: 'bench', provider: 'openai-compatible', baseUrl: mockUrl }] });
await router.warmup();
const gateway = await createGateway({ router, masterKey: MASTER_KEY });
const { url } = await gateway.listen({ port: 0, host: '127.0.0.1' });

// The parent going away (normally or not) closes the IPC channel: stop with it.
process.on('disconnect', () => {
  void gateway
    .close()
    .then(() => router.close())
    .finally(() => process.exit(0));
});

/**
 * The keys the benchmark calls the gateway with, by the label its report gives them: each is one
 * side of the report (a virtual key made here with `POST /key/generate`, limits and budget on, joins the master key).
 */
const keys: Record<string, string> = { 'master key': MASTER_KEY };
process.send?.({ url, keys });
